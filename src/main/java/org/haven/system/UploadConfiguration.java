package org.haven.system;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;

/**
 * Uploads are read, or refused with a reason, before Spring Security's filters run.
 */
@Configuration(proxyBeanMethods = false)
class UploadConfiguration {

	@Bean
	FilterRegistrationBean<UploadLimitFilter> uploadLimitFilter(ObjectProvider<LargeUpload> large,
			@Value("${server.tomcat.max-part-header-size:16KB}") DataSize partHeaderMax) {
		FilterRegistrationBean<UploadLimitFilter> registration = new FilterRegistrationBean<>(
				new UploadLimitFilter(large.orderedStream().toList(), (int) partHeaderMax.toBytes()));
		// After the character encoding and session filters, just before security.
		registration.setOrder(SecurityFilterProperties.DEFAULT_FILTER_ORDER - 1);
		return registration;
	}

}
