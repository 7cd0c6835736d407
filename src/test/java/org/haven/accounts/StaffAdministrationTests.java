package org.haven.accounts;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.mail.internet.MimeMessage;
import org.haven.HavenTest;
import org.haven.TestSchools;
import org.haven.Visitor;
import org.haven.mail.TestMail;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.haven.Visitor.location;

@HavenTest
class StaffAdministrationTests {

	@LocalServerPort
	int port;

	@Autowired
	TestSchools testSchools;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	org.haven.mail.OutboxTestAccess outbox;

	UUID school;

	Visitor office;

	@BeforeEach
	void school() {
		this.school = this.testSchools.school("Staff test school");
		this.office = new Visitor(this.port).signedInAs(this.testSchools.member(this.school, Role.STAFF, Role.ADMIN));
	}

	@Test
	void anInvitedPersonSetsTheirOwnPasswordOnceAndSignsIn() {
		String email = "new.teacher-" + UUID.randomUUID() + "@school.example";
		String record = create("Nia Teacher", email, "Year 2 teacher");
		assertThat(Jsoup.parse(this.office.get(record).body()).select("#status").text()).startsWith("Invited");

		this.outbox.send();
		List<MimeMessage> mail = TestMail.to(email);
		assertThat(mail).hasSize(1);
		assertThat(TestMail.body(mail.get(0))).contains("Hello Nia Teacher", "Staff test school", "72 hours")
			.doesNotContain("password:");
		String link = TestMail.link(mail.get(0));
		assertThat(link).startsWith("/account/set-password?token=");

		Visitor newcomer = new Visitor(this.port);
		Document form = Jsoup.parse(newcomer.get(link).body());
		assertThat(form.select("h1").text()).isEqualTo("Choose your password");
		assertThat(choose(newcomer, link, "short", "short").select("#password-error").text())
			.contains("at least 12 characters");
		assertThat(choose(newcomer, link, "nia teacher 2026", "nia teacher 2026").select("#password-error").text())
			.contains("must not contain your name");
		assertThat(choose(newcomer, link, "password1234", "password1234").select("#password-error").text())
			.contains("too easy to guess");
		assertThat(choose(newcomer, link, "quiet-orchard-violin-7", "quiet-orchard-violin-8")
			.select("#confirmPassword-error")
			.text()).contains("do not match");

		newcomer.get(link);
		HttpResponse<String> set = newcomer.post("/account/set-password", Map.of("token", token(link), "password",
				"quiet-orchard-violin-7", "confirmPassword", "quiet-orchard-violin-7"));
		assertThat(location(set)).isEqualTo("/login");
		assertThat(location(new Visitor(this.port).signIn(email, "quiet-orchard-violin-7"))).isEqualTo("/");

		assertThat(Jsoup.parse(new Visitor(this.port).get(link).body()).select("h1").text())
			.isEqualTo("This link no longer works");
		assertThat(this.jdbc.queryForObject("select password_hash from staff_account where email = ?", String.class,
				email))
			.startsWith("{argon2}")
			.doesNotContain("quiet-orchard");
	}

	@Test
	void forgottenPasswordAnswersTheSameWhetherOrNotTheAccountExists() {
		String email = this.testSchools.member(this.school, Role.STAFF);
		Document known = requestReset(email);
		Document unknown = requestReset("nobody-" + UUID.randomUUID() + "@school.example");
		assertThat(known.select("#reset-sent").text().replace(email, "X"))
			.isEqualTo(unknown.select("#reset-sent").text().replaceAll("\\S+@school\\.example", "X"));

		this.outbox.send();
		List<MimeMessage> mail = TestMail.to(email);
		assertThat(mail).hasSize(1);
		String link = TestMail.link(mail.get(0));
		Visitor person = new Visitor(this.port);
		person.get(link);
		person.post("/account/set-password", Map.of("token", token(link), "password", "amber-lighthouse-canvas",
				"confirmPassword", "amber-lighthouse-canvas"));
		assertThat(location(new Visitor(this.port).signIn(email, "amber-lighthouse-canvas"))).isEqualTo("/");
	}

	@Test
	void deactivationSignsThePersonOutAtTheirNextRequest() {
		String email = this.testSchools.member(this.school, Role.STAFF);
		Visitor teacher = new Visitor(this.port).signedInAs(email);
		assertThat(teacher.get("/").statusCode()).isEqualTo(200);
		UUID id = idOf(email);

		this.office.get("/admin/staff/" + id);
		assertThat(location(this.office.post("/admin/staff/" + id + "/deactivate", Map.of())))
			.isEqualTo("/admin/staff/" + id);

		assertThat(location(teacher.get("/"))).isEqualTo("/login");
		assertThat(location(new Visitor(this.port).signIn(email, Visitor.DEMO_PASSWORD))).isEqualTo("/login");
		assertThat(Jsoup.parse(this.office.get("/admin/staff/" + id).body()).select("#status").text())
			.isEqualTo("Deactivated");

		this.office.post("/admin/staff/" + id + "/reactivate", Map.of());
		assertThat(location(new Visitor(this.port).signIn(email, Visitor.DEMO_PASSWORD))).isEqualTo("/");
	}

	@Test
	void theLastDslCannotBeDeactivatedNorCanAnyoneDeactivateThemselves() {
		String dsl = this.testSchools.member(this.school, Role.STAFF, Role.DSL);
		UUID dslId = idOf(dsl);
		this.office.get("/admin/staff/" + dslId);
		this.office.post("/admin/staff/" + dslId + "/deactivate", Map.of());
		assertThat(Jsoup.parse(this.office.get("/admin/staff/" + dslId).body()).select("#problem").text())
			.contains("only active DSL");

		Visitor dslVisitor = new Visitor(this.port).signedInAs(dsl);
		dslVisitor.get("/admin/staff/" + dslId);
		dslVisitor.post("/admin/staff/" + dslId + "/deactivate", Map.of());
		assertThat(Jsoup.parse(dslVisitor.get("/admin/staff/" + dslId).body()).select("#problem").text())
			.contains("your own account");
		assertThat(this.jdbc.queryForObject("select active from staff_account where id = ?", Boolean.class, dslId))
			.isTrue();
	}

	@Test
	void inductionTrainingIsRecordedAndTheDslSeesWhoHasNotBeenTrained() {
		String dsl = this.testSchools.member(this.school, Role.STAFF, Role.DSL);
		String trainee = this.testSchools.member(this.school, Role.STAFF);
		Visitor dslVisitor = new Visitor(this.port).signedInAs(dsl);
		assertThat(Jsoup.parse(dslVisitor.get("/").body()).select("#untrained-staff").text())
			.isEqualTo("3 members of staff have not been trained in using Haven");

		UUID id = idOf(trainee);
		dslVisitor.get("/admin/staff/" + id);
		Document refused = Jsoup.parse(
				dslVisitor
					.post("/admin/staff/" + id + "/induction",
							Map.of("completedOnDay", "31", "completedOnMonth", "2", "completedOnYear", "2026"))
					.body());
		assertThat(refused.select("#completedOn-error").text()).contains("real date");
		dslVisitor.get("/admin/staff/" + id);
		dslVisitor.post("/admin/staff/" + id + "/induction",
				Map.of("completedOnDay", "4", "completedOnMonth", "9", "completedOnYear", "2026"));

		assertThat(Jsoup.parse(dslVisitor.get("/admin/staff/" + id).body()).select("#induction").text())
			.isEqualTo("Completed 4 September 2026");
		Document untrained = Jsoup.parse(dslVisitor.get("/admin/staff?untrained=true").body());
		assertThat(untrained.select("#staff tbody tr")).hasSize(2).noneMatch((row) -> row.text().contains(trainee));
	}

	@Test
	void aNewAccountNeedsANameAndAnUnusedEmailAndKeepsWhatWasTyped() {
		this.office.get("/admin/staff/new");
		Document empty = Jsoup.parse(
				this.office.post("/admin/staff", Map.of("name", "", "email", "not-an-email", "jobTitle", "<b>Head</b>"))
					.body());
		assertThat(empty.select(".govuk-error-summary__list a")).extracting((link) -> link.attr("href"))
			.containsExactlyInAnyOrder("#name", "#email");
		assertThat(empty.select("#email").attr("value")).isEqualTo("not-an-email");
		assertThat(empty.select("#jobTitle").attr("value")).isEqualTo("<b>Head</b>");

		String taken = this.testSchools.member(this.school, Role.STAFF);
		this.office.get("/admin/staff/new");
		Document duplicate = Jsoup
			.parse(this.office.post("/admin/staff", Map.of("name", "Someone", "email", taken.toUpperCase())).body());
		assertThat(duplicate.select("#email-error").text()).contains("already exists");
	}

	@Test
	void aNewAccountHoldsTheStaffRoleAloneAndIsAudited() {
		String email = "plain-" + UUID.randomUUID() + "@school.example";
		String record = create("Plain Staff", email, null);
		UUID id = UUID.fromString(record.substring(record.lastIndexOf('/') + 1));
		assertThat(this.jdbc.queryForList("select role from staff_role where staff_id = ?", String.class, id))
			.containsExactly("STAFF");
		assertThat(this.jdbc.queryForList("select action from audit_event where target_id = ?", String.class, id))
			.containsExactly("STAFF_ACCOUNT_CREATED");
	}

	@Test
	void anotherSchoolsAccountIsNotFound() {
		UUID elsewhere = this.testSchools.school("Elsewhere staff school");
		UUID theirs = idOf(this.testSchools.member(elsewhere, Role.STAFF));
		assertThat(this.office.get("/admin/staff/" + theirs).statusCode()).isEqualTo(404);
		this.office.get("/admin/staff");
		assertThat(this.office.post("/admin/staff/" + theirs + "/deactivate", Map.of()).statusCode()).isEqualTo(404);
	}

	@Test
	void anEmailThatOnlyLooksDifferentIsRefusedAsTheSameAccount() {
		String taken = this.testSchools.member(this.school, Role.STAFF);
		Integer before = this.jdbc.queryForObject("select count(*) from staff_account", Integer.class);
		for (String lookalike : List.of(wide(taken), wide(taken.toUpperCase()))) {
			this.office.get("/admin/staff/new");
			Document duplicate = Jsoup
				.parse(this.office.post("/admin/staff", Map.of("name", "Lookalike", "email", lookalike)).body());
			assertThat(duplicate.select("#email-error").text()).as(lookalike).contains("already exists");
			assertThat(duplicate.select("#email").attr("value")).isEqualTo(lookalike);
		}
		assertThat(this.jdbc.queryForObject("select count(*) from staff_account", Integer.class)).isEqualTo(before);
	}

	@Test
	void aNewAccountsEmailIsStoredInItsOneNormalForm() {
		String email = "wide.person-" + UUID.randomUUID() + "@school.example";
		create("Wide Person", wide("Wide.Person") + email.substring("wide.person".length()), null);
		assertThat(idOf(email)).isNotNull();
	}

	@Test
	void signingInAndResettingAPasswordWorkWithAWideOrCapitalisedEmail() {
		String email = this.testSchools.member(this.school, Role.STAFF);
		assertThat(location(new Visitor(this.port).signIn(wide(email.toUpperCase()), Visitor.DEMO_PASSWORD)))
			.isEqualTo("/");

		requestReset(wide(email));
		this.outbox.send();
		assertThat(TestMail.to(email)).hasSize(1);
	}

	/**
	 * @return the text with its letters and digits in their fullwidth forms, which look
	 * alike to a reader
	 */
	private static String wide(String text) {
		StringBuilder wide = new StringBuilder();
		text.chars()
			.forEach((c) -> wide.append(Character.isLetterOrDigit(c) && c < 128 ? (char) (c + 0xFEE0) : (char) c));
		return wide.toString();
	}

	private String create(String name, String email, String jobTitle) {
		this.office.get("/admin/staff/new");
		HttpResponse<String> created = this.office.post("/admin/staff", (jobTitle != null)
				? Map.of("name", name, "email", email, "jobTitle", jobTitle) : Map.of("name", name, "email", email));
		assertThat(created.statusCode()).as(created.body()).isEqualTo(302);
		return location(created);
	}

	private Document choose(Visitor visitor, String link, String password, String again) {
		visitor.get(link);
		return Jsoup.parse(visitor
			.post("/account/set-password", Map.of("token", token(link), "password", password, "confirmPassword", again))
			.body());
	}

	private Document requestReset(String email) {
		Visitor visitor = new Visitor(this.port);
		visitor.get("/account/forgotten-password");
		return Jsoup.parse(visitor.post("/account/forgotten-password", Map.of("email", email)).body());
	}

	private static String token(String link) {
		return link.substring(link.indexOf("token=") + "token=".length());
	}

	private UUID idOf(String email) {
		return this.jdbc.queryForObject("select id from staff_account where email = ?", UUID.class, email);
	}

}
