package org.haven;

import org.junit.jupiter.api.Test;

import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

class ModularityTests {

	private final ApplicationModules modules = ApplicationModules.of(HavenApplication.class);

	@Test
	void modulesOnlyUseEachOthersPublicApiWithoutCycles() {
		this.modules.verify();
	}

	@Test
	void writesTheModuleDocumentationToTarget() {
		new Documenter(this.modules, Documenter.Options.defaults().withOutputFolder("target/modulith-docs"))
			.writeModulesAsPlantUml()
			.writeIndividualModulesAsPlantUml();
	}

}
