package org.haven.signin;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.haven.accounts.Role;
import org.haven.TestSchools;
import org.haven.Visitor;
import org.haven.browser.BrowserSignIn;
import org.haven.browser.BrowserTest;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chromium.HasCdp;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A passkey registered from the account page and given instead of a code, in Chromium
 * with a virtual authenticator (Chrome DevTools' WebAuthn domain) standing in for a
 * laptop's.
 */
@BrowserTest
class PasskeyJourneyTests {

	@LocalServerPort
	int port;

	@Autowired
	TestSchools testSchools;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void aDslAddsAPasskeyAndThenSignsInWithItInsteadOfACode(WebDriver browser) {
		UUID school = this.testSchools.school("Passkey school");
		String email = this.testSchools.member(school, Role.STAFF, Role.DSL);
		UUID id = this.testSchools.user(email).id();
		HasCdp devTools = (HasCdp) browser;
		devTools.executeCdpCommand("WebAuthn.enable", Map.of());
		String authenticator = (String) devTools
			.executeCdpCommand("WebAuthn.addVirtualAuthenticator",
					Map.of("options", Map.of("protocol", "ctap2", "transport", "internal", "hasResidentKey", true,
							"hasUserVerification", true, "isUserVerified", true, "automaticPresenceSimulation", true)))
			.get("authenticatorId");
		WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(10));
		try {
			BrowserSignIn.signIn(browser, this.port, email, Visitor.DEMO_PASSWORD);
			browser.get(url("/account/second-factor"));
			browser.findElement(By.id("currentPassword")).sendKeys(Visitor.DEMO_PASSWORD);
			browser.findElement(By.id("code")).sendKeys(TestCodes.nextCode(email));
			browser.findElement(By.xpath("//button[normalize-space()='Continue']")).click();
			browser.findElement(By.id("passkeyLabel")).sendKeys("Office laptop");
			browser.findElement(By.id("passkey-register")).click();
			wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("second-factors"), "Office laptop"));
			List<?> credentials = (List<?>) devTools
				.executeCdpCommand("WebAuthn.getCredentials", Map.of("authenticatorId", authenticator))
				.get("credentials");
			assertThat(credentials).hasSize(1);
			assertThat(this.jdbc.queryForObject("select label from user_credentials c join user_entities u "
					+ "on u.id = c.user_entity_user_id where u.name = ?", String.class, email))
				.isEqualTo("Office laptop");
			assertThat(this.jdbc.queryForObject(
					"select details from audit_event where target_id = ?" + " and action = 'SECOND_FACTOR_ENROLLED'",
					String.class, id))
				.isEqualTo("passkey added: Office laptop");

			browser.findElement(By.xpath("//button[normalize-space()='Sign out']")).click();
			wait.until(ExpectedConditions.urlContains("signedOut"));
			browser.get(url("/login"));
			browser.findElement(By.id("email")).sendKeys(email);
			browser.findElement(By.id("password")).sendKeys(Visitor.DEMO_PASSWORD);
			browser.findElement(By.xpath("//button[normalize-space()='Sign in']")).click();
			wait.until(ExpectedConditions.titleContains("Enter your code"));
			browser.findElement(By.id("passkey-sign-in")).click();
			wait.until(ExpectedConditions.titleContains("Home"));
			assertThat(browser.findElement(By.tagName("h1")).getText()).startsWith("Welcome");
			assertThat(this.jdbc.queryForObject("select details from audit_event where actor_id = ?"
					+ " and action = 'SIGNED_IN' order by occurred_at desc limit 1", String.class, id))
				.isEqualTo("factors: password, passkey");
		}
		finally {
			devTools.executeCdpCommand("WebAuthn.removeVirtualAuthenticator", Map.of("authenticatorId", authenticator));
		}
	}

	private String url(String path) {
		return "http://localhost:" + this.port + path;
	}

}
