package org.haven.system;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.resource.ResourceUrlEncodingFilter;

/**
 * With the WebJars locator on the class path, Spring Boot would encode every link a page
 * writes by asking whether it names a static resource: a look on the class path for each
 * of a chronology's hundreds of links (measured: most of a 100-entry page's time). Haven
 * writes its asset links itself and WebJars are resolved when they are requested, so the
 * encoding is switched off.
 */
@Configuration(proxyBeanMethods = false)
class ResourceUrlConfiguration {

	@Bean
	FilterRegistrationBean<ResourceUrlEncodingFilter> resourceUrlEncodingFilter() {
		FilterRegistrationBean<ResourceUrlEncodingFilter> registration = new FilterRegistrationBean<>(
				new ResourceUrlEncodingFilter());
		registration.setEnabled(false);
		return registration;
	}

}
