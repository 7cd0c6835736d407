package org.haven.transfers;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import org.springframework.context.SmartLifecycle;
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
	void closingTheContextWaitsForTheLayoutsInFlightAndQueuedAndLeavesNoThreadBehind() throws Exception {
		GenericApplicationContext context = new GenericApplicationContext();
		context.registerBean(TransferConfiguration.PDF_LAYOUT, ThreadPoolTaskExecutor.class,
				() -> new TransferConfiguration().transferPdfLayout(1));
		context.refresh();
		ThreadPoolTaskExecutor pool = context.getBean(ThreadPoolTaskExecutor.class);
		assertThat(pool.getMaxPoolSize()).as("haven.transfers.pdf-layout-threads").isEqualTo(1);
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
		// Another package's layout waits its turn behind the first.
		Future<byte[]> queued = pool.submit(() -> new byte[] { 3 });

		context.close();

		assertThat(finished).as("the layout in flight ran to its end, not interrupted").isTrue();
		assertThat(layout.get(0, TimeUnit.SECONDS)).containsExactly(1);
		assertThat(queued.isCancelled()).as("the layout queued was not dropped").isFalse();
		assertThat(queued.get(0, TimeUnit.SECONDS)).containsExactly(3);
		assertThat(pool.getThreadPoolExecutor().isTerminated()).isTrue();
		assertThat(worker.get().getName()).startsWith("transfer-package-pdf-");
		// A worker counts itself out of the pool just before its thread ends.
		worker.get().join(1000);
		assertThat(worker.get().isAlive()).as("no layout thread outlives the context").isFalse();
		assertThatThrownBy(() -> pool.submit(() -> new byte[0])).isInstanceOf(TaskRejectedException.class);
	}

	/**
	 * Boot stops the web server gracefully (requests in flight finish) before the pool's
	 * own phase: a package still being written then lays out its PDF, where a pool shut
	 * down as soon as the context began closing would refuse it and cut the download.
	 */
	@Test
	void aPackageStillBeingWrittenWhileHavenStopsGetsItsPdf() {
		GenericApplicationContext context = new GenericApplicationContext();
		context.registerBean(TransferConfiguration.PDF_LAYOUT, ThreadPoolTaskExecutor.class,
				() -> new TransferConfiguration().transferPdfLayout(1));
		AtomicReference<Object> laidOut = new AtomicReference<>();
		context.registerBean("requestInFlight", SmartLifecycle.class, () -> new SmartLifecycle() {

			private boolean running;

			@Override
			public void start() {
				this.running = true;
			}

			@Override
			public void stop() {
				this.running = false;
				try {
					laidOut.set(context.getBean(ThreadPoolTaskExecutor.class)
						.submit(() -> new byte[] { 2 })
						.get(10, TimeUnit.SECONDS));
				}
				catch (Exception ex) {
					laidOut.set(ex);
				}
			}

			@Override
			public boolean isRunning() {
				return this.running;
			}

			@Override
			public int getPhase() {
				// Boot's WebServerGracefulShutdownLifecycle.
				return SmartLifecycle.DEFAULT_PHASE - 2048;
			}

		});
		context.refresh();

		context.close();

		assertThat(laidOut.get()).as("the layout asked for while the web server drained").isEqualTo(new byte[] { 2 });
	}

}
