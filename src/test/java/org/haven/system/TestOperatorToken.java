package org.haven.system;

import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Gives every test context the same operator token (as {@code HAVEN_OPERATOR_TOKEN} would
 * in production), so that one shared context can show health details to the operator.
 */
class TestOperatorToken implements EnvironmentPostProcessor {

	static final String TOKEN = "test-operator-token-0123456789abcdef";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		environment.getPropertySources()
			.addFirst(new MapPropertySource("havenTestOperatorToken", Map.of("haven.operator-token", TOKEN)));
	}

}
