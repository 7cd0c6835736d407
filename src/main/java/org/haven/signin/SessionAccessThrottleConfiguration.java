package org.haven.signin;

import org.springframework.beans.BeansException;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;

@Configuration(proxyBeanMethods = false)
class SessionAccessThrottleConfiguration {

	/**
	 * Puts {@link SessionAccessThrottle} in front of Spring Session's JDBC repository, so
	 * that the session filter and anyone ending sessions use it.
	 */
	@Bean
	static BeanPostProcessor sessionAccessThrottle() {
		return new BeanPostProcessor() {
			@Override
			public Object postProcessAfterInitialization(Object bean, String beanName) throws BeansException {
				return (bean instanceof JdbcIndexedSessionRepository jdbc) ? new SessionAccessThrottle(jdbc) : bean;
			}
		};
	}

}
