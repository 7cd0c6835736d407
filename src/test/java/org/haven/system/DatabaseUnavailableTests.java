package org.haven.system;

import java.util.function.Supplier;

import org.haven.HavenApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowable;

@ExtendWith(OutputCaptureExtension.class)
class DatabaseUnavailableTests {

	@Test
	void unreachableServerStopsStartUpWithOneLineSayingWhatToSet(CapturedOutput output) {
		Throwable failure = catchThrowable(() -> new SpringApplicationBuilder(HavenApplication.class)
			.properties("spring.datasource.url=jdbc:postgresql://127.0.0.1:1/haven",
					"spring.datasource.username=haven_app", "spring.main.banner-mode=off")
			.run());
		assertThat(NestedExceptionUtils.getMostSpecificCause(failure)).isInstanceOf(DatabaseUnavailableException.class);
		assertThat(output.getOut() + output.getErr())
			.contains("Haven cannot connect to PostgreSQL at jdbc:postgresql://127.0.0.1:1/haven as haven_app")
			.contains("Set SPRING_DATASOURCE_URL")
			.doesNotContain("\tat org.", "\tat java.");
	}

	@Test
	void prodProfileNeverStartsTheEmbeddedDatabase() {
		StandardEnvironment environment = new StandardEnvironment();
		environment.setActiveProfiles("prod");
		DeferredLogFactory logs = Supplier::get;
		assertThatExceptionOfType(DatabaseUnavailableException.class)
			.isThrownBy(
					() -> new EmbeddedDatabaseEnvironmentPostProcessor(logs).postProcessEnvironment(environment, null))
			.withMessageContaining("SPRING_DATASOURCE_URL is not set");
	}

}
