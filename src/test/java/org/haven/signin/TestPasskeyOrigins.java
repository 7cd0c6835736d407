package org.haven.signin;

import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Passkeys in tests come from the test server's own origin, whose port is chosen at
 * random when it starts.
 */
class TestPasskeyOrigins implements EnvironmentPostProcessor {

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		environment.getPropertySources()
			.addFirst(new MapPropertySource("havenTestPasskeyOrigins",
					Map.of("haven.passkeys.origins", "http://localhost:${local.server.port:8080}")));
	}

}
