package org.haven.transfers;

import org.haven.system.LargeUpload;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;

/**
 * A package received holds a child's whole file, so its upload has a limit of its own
 * ({@code haven.transfers.max-package-size}), larger than a document's; it is streamed to
 * a temporary file, never held in memory.
 */
@Configuration(proxyBeanMethods = false)
class TransferConfiguration {

	static final String RECEIVE = "/transfers/receive";

	@Bean
	LargeUpload transferPackageUpload(@Value("${haven.transfers.max-package-size:500MB}") DataSize max) {
		return new LargeUpload(RECEIVE, max);
	}

}
