package org.haven;

import java.io.File;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.modulith.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

import static org.assertj.core.api.Assertions.assertThat;

class ModularityTests {

	private final ApplicationModules modules = ApplicationModules.of(HavenApplication.class);

	@Test
	void modulesOnlyUseEachOthersPublicApiWithoutCycles() {
		this.modules.verify();
	}

	@Test
	void everyModuleSaysWhatItMayDependOn() {
		List<String> open = this.modules.stream()
			.filter((module) -> declaration(module.getBasePackage().getName()) == null
					|| Arrays.asList(declaration(module.getBasePackage().getName()).allowedDependencies())
						.contains(ApplicationModule.OPEN_TOKEN))
			.map((module) -> module.getName())
			.toList();
		assertThat(open).as("modules that may depend on anything").isEmpty();
	}

	@Test
	void theBaseModulesDependOnNoOther() {
		for (String base : List.of("system", "keys", "mail")) {
			assertThat(this.modules.getModuleByName(base).orElseThrow().getDirectDependencies(this.modules).stream())
				.as(base)
				.isEmpty();
		}
	}

	@Test
	void writesTheModuleDocumentationToTarget() {
		new Documenter(this.modules, Documenter.Options.defaults().withOutputFolder("target/modulith-docs"))
			.writeModulesAsPlantUml()
			.writeIndividualModulesAsPlantUml();
		assertThat(new File("target/modulith-docs/components.puml")).exists();
	}

	private static ApplicationModule declaration(String basePackage) {
		try {
			return Class.forName(basePackage + ".package-info").getAnnotation(ApplicationModule.class);
		}
		catch (ClassNotFoundException ex) {
			return null;
		}
	}

}
