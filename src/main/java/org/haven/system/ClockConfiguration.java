package org.haven.system;

import java.time.Clock;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

@Configuration(proxyBeanMethods = false)
class ClockConfiguration {

	/**
	 * Every "recorded at" comes from here, so tests can fix the time.
	 */
	@Bean
	@Primary
	Clock clock() {
		return new HavenClock(Clock.systemUTC());
	}

	/**
	 * The time authenticator-app codes are checked against: the system's. Tests, which
	 * sign the same person in many times a minute, give their own, moved on a step for
	 * each code, since a code is accepted only once.
	 */
	@Bean
	@ConditionalOnMissingBean(name = "secondFactorClock")
	Clock secondFactorClock() {
		return Clock.systemUTC();
	}

}
