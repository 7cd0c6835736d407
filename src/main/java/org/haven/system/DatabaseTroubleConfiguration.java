package org.haven.system;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.ViewResolver;

@Configuration(proxyBeanMethods = false)
class DatabaseTroubleConfiguration {

	/**
	 * Before everything, so that every log line of a request carries its id.
	 */
	@Bean
	FilterRegistrationBean<RequestIdFilter> requestIdFilter() {
		FilterRegistrationBean<RequestIdFilter> registration = new FilterRegistrationBean<>(new RequestIdFilter());
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
		return registration;
	}

	/**
	 * First of all filters, so that it sees a failure to read the session (Spring
	 * Session's filter) as well as any failure after it.
	 */
	@Bean
	FilterRegistrationBean<DatabaseTroubleFilter> databaseTroubleFilter(
			@Qualifier("thymeleafViewResolver") ViewResolver views) {
		FilterRegistrationBean<DatabaseTroubleFilter> registration = new FilterRegistrationBean<>(
				new DatabaseTroubleFilter(views));
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
		return registration;
	}

}
