package org.haven.transfers;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.task.TaskRejectedException;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The pool packages' chronology PDFs are laid out on belongs to the Spring context: a
 * context closing (an instance stopping gracefully, a test's context) lets the layout in
 * flight finish, takes no new one, and leaves no thread behind. A context of its own, of
 * this one bean: Haven's shared test context is never closed by a test.
 */
class TransferPdfLayoutTests {

	@Test
	void closingTheContextWaitsForTheLayoutInFlightAndLeavesNoThreadBehind() throws Exception {
		GenericApplicationContext context = new GenericApplicationContext();
		context.registerBean(TransferConfiguration.PDF_LAYOUT, ThreadPoolTaskExecutor.class,
				() -> new TransferConfiguration().transferPdfLayout(2));
		context.refresh();
		ThreadPoolTaskExecutor pool = context.getBean(ThreadPoolTaskExecutor.class);
		assertThat(pool.getMaxPoolSize()).as("haven.transfers.pdf-layout-threads").isEqualTo(2);
		CountDownLatch started = new CountDownLatch(1);
		AtomicBoolean finished = new AtomicBoolean();
		AtomicReference<Thread> worker = new AtomicReference<>();
		Future<byte[]> layout = pool.submit(() -> {
			worker.set(Thread.currentThread());
			started.countDown();
			Thread.sleep(500);
			finished.set(true);
			return new byte[] { 1 };
		});
		assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();

		context.close();

		assertThat(finished).as("the layout in flight ran to its end, not interrupted").isTrue();
		assertThat(layout.get(0, TimeUnit.SECONDS)).containsExactly(1);
		assertThat(pool.getThreadPoolExecutor().isTerminated()).isTrue();
		assertThat(worker.get().getName()).startsWith("transfer-package-pdf-");
		// A worker counts itself out of the pool just before its thread ends.
		worker.get().join(1000);
		assertThat(worker.get().isAlive()).as("no layout thread outlives the context").isFalse();
		assertThatThrownBy(() -> pool.submit(() -> new byte[0])).isInstanceOf(TaskRejectedException.class);
	}

}
