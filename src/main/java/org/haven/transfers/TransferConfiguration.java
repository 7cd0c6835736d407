package org.haven.transfers;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.jvm.ExecutorServiceMetrics;
import org.haven.system.LargeUpload;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.util.unit.DataSize;

/**
 * A package received holds a child's whole file, so its upload has a limit of its own
 * ({@code haven.transfers.max-package-size}), larger than a document's; it is streamed to
 * a temporary file, never held in memory. A package written lays out its chronology PDF
 * on a pool of this module's own ({@link #PDF_LAYOUT}).
 */
@Configuration(proxyBeanMethods = false)
class TransferConfiguration {

	static final String RECEIVE = "/transfers/receive";

	/** The pool packages' chronology PDFs are laid out on, and its metrics' name. */
	static final String PDF_LAYOUT = "transferPdfLayout";

	/** How long a stopping Haven waits for the layouts in flight. */
	static final int PDF_LAYOUT_SHUTDOWN_SECONDS = 30;

	@Bean
	LargeUpload transferPackageUpload(@Value("${haven.transfers.max-package-size:500MB}") DataSize max) {
		return new LargeUpload(RECEIVE, max);
	}

	/**
	 * Lays out packages' PDFs beside the writing of their documents: as many at once as
	 * {@code haven.transfers.pdf-layout-threads} (by default one per processor), the rest
	 * queued. The context owns it: while Haven stops, the requests still in flight (which
	 * the web server lets finish first) still have their PDFs laid out; then it takes no
	 * new layout and waits for those running or queued (up to
	 * {@link #PDF_LAYOUT_SHUTDOWN_SECONDS}, as long as a request in flight is given)
	 * before its threads end, so none outlives the context. Not a default candidate: Boot
	 * still makes its own applicationTaskExecutor (which any {@code Executor} bean would
	 * replace), and nothing else is handed this pool by type.
	 */
	@Bean(name = PDF_LAYOUT, defaultCandidate = false)
	ThreadPoolTaskExecutor transferPdfLayout(@Value("${haven.transfers.pdf-layout-threads:0}") int threads) {
		int size = (threads > 0) ? threads : Runtime.getRuntime().availableProcessors();
		ThreadPoolTaskExecutor pool = new ThreadPoolTaskExecutor();
		pool.setCorePoolSize(size);
		pool.setMaxPoolSize(size);
		pool.setThreadNamePrefix("transfer-package-pdf-");
		pool.setDaemon(true);
		pool.setWaitForTasksToCompleteOnShutdown(true);
		pool.setAwaitTerminationSeconds(PDF_LAYOUT_SHUTDOWN_SECONDS);
		return pool;
	}

	/**
	 * The pool's threads, queue and completed layouts as {@code executor.*} metrics named
	 * {@value #PDF_LAYOUT} (Boot binds only default candidates).
	 */
	@Bean
	MeterBinder transferPdfLayoutMetrics(@Qualifier(PDF_LAYOUT) ThreadPoolTaskExecutor pool) {
		return (MeterRegistry registry) -> new ExecutorServiceMetrics(pool.getThreadPoolExecutor(), PDF_LAYOUT,
				Tags.empty())
			.bindTo(registry);
	}

}
