package org.haven.browser;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.extension.ClassTemplateInvocationContext;
import org.junit.jupiter.api.extension.ClassTemplateInvocationContextProvider;
import org.junit.jupiter.api.extension.Extension;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs every {@link BrowserTest} class once per {@link BrowserSize}, each run with its
 * own Chromium at that size, so that a journey is written once and is tried at desktop
 * and phone width alike. {@code -Dhaven.browser.sizes=phone} (or {@code desktop}) runs
 * one size only while working on something; the build always runs both.
 */
public class BrowserSizes implements ClassTemplateInvocationContextProvider {

	@Override
	public boolean supportsClassTemplate(ExtensionContext context) {
		return true;
	}

	@Override
	public Stream<ClassTemplateInvocationContext> provideClassTemplateInvocationContexts(ExtensionContext context) {
		return chosen().stream().map(BrowserSizes::invocation);
	}

	static List<BrowserSize> chosen() {
		String only = System.getProperty("haven.browser.sizes", "").trim();
		if (only.isEmpty()) {
			return List.of(BrowserSize.values());
		}
		List<String> names = Arrays.stream(only.split(",")).map(String::trim).toList();
		return Arrays.stream(BrowserSize.values()).filter((size) -> names.contains(size.label())).toList();
	}

	private static ClassTemplateInvocationContext invocation(BrowserSize size) {
		return new ClassTemplateInvocationContext() {

			@Override
			public String getDisplayName(int invocationIndex) {
				return size.toString();
			}

			@Override
			public List<Extension> getAdditionalExtensions() {
				return List.of(new Chromium(size));
			}

		};
	}

}
