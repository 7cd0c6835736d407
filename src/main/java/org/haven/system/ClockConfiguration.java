package org.haven.system;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ClockConfiguration {

	/**
	 * Every "recorded at" comes from here, so tests can fix the time.
	 */
	@Bean
	Clock clock() {
		return new HavenClock(Clock.systemUTC());
	}

}
