package org.haven.system;

import java.time.Duration;
import java.time.Instant;

import org.apache.catalina.Service;
import org.apache.catalina.connector.Connector;
import org.apache.tomcat.util.threads.ThreadPoolExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.boot.web.server.context.WebServerGracefulShutdownLifecycle;
import org.springframework.context.ApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Holds Tomcat's stop until its request threads are idle, so an answer already worked out
 * reaches the person before the connections close.
 * <p>
 * Spring Boot's graceful shutdown waits while a servlet is serving a request, and counts
 * the request finished when the servlet returns. Tomcat writes the answer after that (the
 * valves, then the connector flushes it), and the web server's stop comes straight after
 * the graceful phase and closes every connection. A request thread that was slow in that
 * gap (a busy machine) lost its answer: the person saw the connection drop with the
 * concern saved, and could not know it was (found by {@code TwoInstancesIT}). This runs
 * between the two phases and waits, at most {@link #LIMIT}, until no request thread of
 * any connector is busy.
 */
@Component
class TomcatDrain implements SmartLifecycle {

	/** After the graceful shutdown phase, before the web server's stop. */
	static final int PHASE = WebServerGracefulShutdownLifecycle.SMART_LIFECYCLE_PHASE - 512;

	static final Duration LIMIT = Duration.ofSeconds(10);

	private static final Logger logger = LoggerFactory.getLogger(TomcatDrain.class);

	private final ApplicationContext context;

	private volatile boolean running;

	TomcatDrain(ApplicationContext context) {
		this.context = context;
	}

	@Override
	public void start() {
		this.running = true;
	}

	@Override
	public void stop() {
		this.running = false;
		if (!(this.context instanceof WebServerApplicationContext web)
				|| !(web.getWebServer() instanceof TomcatWebServer server)) {
			return;
		}
		Instant giveUp = Instant.now().plus(LIMIT);
		int busy = busyRequestThreads(server);
		if (busy > 0) {
			logger.info("Waiting for {} request thread(s) to finish writing their answers", busy);
		}
		while (busy > 0 && Instant.now().isBefore(giveUp)) {
			try {
				Thread.sleep(10);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			busy = busyRequestThreads(server);
		}
		if (busy > 0) {
			logger.warn("Stopping with {} request thread(s) still busy after {}", busy, LIMIT);
		}
	}

	private static int busyRequestThreads(TomcatWebServer server) {
		int busy = 0;
		for (Service service : server.getTomcat().getServer().findServices()) {
			for (Connector connector : service.findConnectors()) {
				if (connector.getProtocolHandler().getExecutor() instanceof ThreadPoolExecutor pool) {
					busy += pool.getActiveCount();
				}
			}
		}
		return busy;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

}
