package org.haven;

import java.io.IOException;

import jakarta.servlet.ServletException;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;

import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;

/**
 * For {@code TwoInstancesIT} only, given to its instances as a source (deliberately not a
 * {@code @Configuration}, so no other test's component scan picks it up): while
 * {@link #afterTheServlet} is set, Tomcat holds each POST's answer for that long after
 * the servlet has returned and before the connector writes it, as a busy machine may.
 */
public class SlowToAnswer {

	public static volatile long afterTheServlet;

	@Bean
	WebServerFactoryCustomizer<TomcatServletWebServerFactory> answerHeldBack() {
		return (factory) -> factory.addEngineValves(new ValveBase(true) {
			@Override
			public void invoke(Request request, Response response) throws IOException, ServletException {
				getNext().invoke(request, response);
				long pause = afterTheServlet;
				if (pause > 0 && "POST".equals(request.getMethod())) {
					try {
						Thread.sleep(pause);
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
					}
				}
			}
		});
	}

}
