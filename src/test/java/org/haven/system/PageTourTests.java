package org.haven.system;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import org.haven.TestSchools;
import org.haven.Visitor;
import org.haven.accounts.Role;
import org.haven.accounts.StaffTokens;
import org.haven.browser.BrowserSignIn;
import org.haven.browser.BrowserSize;
import org.haven.browser.BrowserTest;
import org.haven.browser.PageChecks;
import org.haven.signin.TestCodes;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chromium.HasCdp;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A tour of every page of Haven, as each role that has pages sees it in the Oakfield demo
 * school (pupils, concerns, long chronologies, actions, documents, audit events), at
 * desktop and at phone size: the harness runs axe-core and the sideways-scroll check on
 * each ({@link PageChecks}). Every GET route of {@link AuthorizationMatrixTests#MATRIX}
 * is on the tour unless it has no page of its own ({@link #NOT_PAGES}): a new page joins
 * the tour or this test fails. With {@code HAVEN_SCREENSHOTS=1} in the environment a
 * full-page screenshot of each is kept under {@code target/screenshots/{desktop,phone}/}
 * for a person to look at (left out otherwise: a long chronology drawn whole takes
 * seconds).
 */
@BrowserTest
class PageTourTests {

	/** GET routes with no page of their own to look at, and why. */
	static final Map<String, String> NOT_PAGES = Map.ofEntries(
			Map.entry("/actuator/health", "JSON for whatever watches Haven"),
			Map.entry("/actuator/prometheus", "metrics for the operator's Prometheus, to the operator token alone"),
			Map.entry("/a-route-with-no-rule", "no page: the matrix's probe that an address with no rule is refused"),
			Map.entry("/concerns/pupils", "the live pupil picker's fragment (htmx), seen inside the concern form"),
			Map.entry("/documents/{id}", "a download: the document's file"),
			Map.entry("/pupils/{id}/chronology.pdf", "a download: the chronology as a PDF"),
			Map.entry("/reports/csv/{panel}", "a download: a report's table as CSV"),
			Map.entry("/reports/governors/{id}.pdf", "a download: a governors' report as PDF"),
			Map.entry("/reports/governors/{id}.csv", "a download: a governors' report as CSV"),
			Map.entry("/admin/audit/export", "a download: the audit log as CSV"),
			Map.entry("/admin/audit/checkpoint", "a download: the audit checkpoint as text"),
			Map.entry("/allegations/pupils", "the pupil picker's fragment (htmx) on the form about an adult"),
			Map.entry("/transfers/received/{receivedId}", "the receipt of a package received: the demo school has"
					+ " none (TransferJourneyTests receives one and checks the page at both sizes)"));

	/** The pages each role visits, by route; {@code ?} variants are the same route. */
	static final Map<String, List<String>> TOUR = Map.of("anonymous",
			List.of("/login", "/account/forgotten-password", "/account/set-password",
					"/account/set-password?token={token}", "/sign-in/second-factor/enrol"),
			"teacher",
			List.of("/", "/concerns/new", "/concerns/mine", "/concerns/{teacherConcern}/logged",
					"/concerns/{teacherConcern}", "/concerns/{teacherConcern}/documents/new", "/actions",
					"/actions/{teacherAction}", "/account", "/account/password", "/account/second-factor",
					"/allegations/new", "/allegations/{teacherAllegation}/received"),
			"dsl",
			List.of("/sign-in/second-factor", "/sign-in/second-factor/recovery", "/", "/pupils", "/pupils/new",
					"/pupils/{pupil}", "/pupils/{pupil}/edit", "/pupils/{pupil}/leave", "/admin/pupils/import",
					"/admin/pupils/import/{import}", "/admin/staff", "/admin/staff/new", "/admin/staff/{staff}",
					"/admin/access", "/admin/access/{staff}", "/admin/categories", "/admin/categories/new",
					"/admin/categories/{category}", "/admin/school", "/admin/school/terms",
					"/admin/school/terms/{year}", "/concerns/new", "/concerns", "/concerns?status=all",
					"/concerns/mine", "/concerns/{concern}", "/alerts", "/pupils/{pupil}/chronology",
					"/pupils/{pupil}/chronology?print", "/pupils/{pupil}/chronology/disclose",
					"/pupils/{pupil}/chronology/disclosures/{disclosure}",
					"/pupils/{pupil}/chronology/new/communication", "/pupils/{pupil}/chronology/new/meeting",
					"/pupils/{pupil}/chronology/new/referral", "/pupils/{pupil}/chronology/new/information-shared",
					"/pupils/{pupil}/chronology/new/note", "/pupils/{pupil}/chronology/{note}/amend",
					"/pupils/{pupil}/chronology/{referral}/outcome", "/actions", "/actions?overdue", "/search?q=school",
					"/actions/new?pupil={pupil}", "/actions/{action}", "/pupils/{pupil}/documents/new", "/reports",
					"/reports/governors", "/reports/governors/new", "/reports/governors/{report}", "/allegations",
					"/allegations/{allegation}", "/allegations/{allegation}/steps/note",
					"/allegations/{allegation}/access", "/allegations/{amended}/entries/{entry}/amend",
					"/allegations/{allegation}/date-of-birth", "/allegations/{falseAllegation}/reduce",
					"/allegations/low-level", "/allegations/retention", "/allegations/references", "/admin",
					"/admin/audit", "/transfers", "/transfers/receive", "/pupils/{pupil}/transfers", "/account",
					"/account/second-factor", "/no-such-page"),
			"deputy",
			List.of("/", "/concerns", "/pupils", "/alerts", "/search", "/pupils/{pupil}/chronology", "/actions",
					"/reports", "/transfers"),
			"senco",
			List.of("/", "/alerts", "/search?q=school", "/concerns/{sencoConcern}", "/pupils/{sencoPupil}/chronology",
					"/concerns/mine", "/actions", "/reports"),
			"governor", List.of("/", "/reports/governors", "/reports/governors/{report}", "/actions", "/account"),
			"admin", List.of("/", "/pupils", "/admin/staff", "/admin/pupils/import", "/admin/school/terms", "/actions",
					"/account"));

	static final Map<String, String> EMAILS = Map.of("teacher", "teacher@oakfield.example", "dsl",
			"dsl@oakfield.example", "deputy", "deputy@oakfield.example", "senco", "senco@oakfield.example", "governor",
			"governor@oakfield.example", "admin", "admin@oakfield.example");

	private static final Set<String> ERROR_TITLES = Set.of("Page not found", "You cannot open this page",
			"Sorry, there is a problem with Haven", "There is a problem with this request");

	private static final boolean SCREENSHOTS = System.getenv("HAVEN_SCREENSHOTS") != null;

	@LocalServerPort
	int port;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	TestSchools testSchools;

	@Autowired
	StaffTokens tokens;

	@Test
	void everyPageOfHavenIsOnTheTour() {
		Set<String> routes = new TreeSet<>();
		AuthorizationMatrixTests.MATRIX.stream()
			.filter((route) -> route.method().equals("GET"))
			.forEach((route) -> routes.add(route.pattern()));
		routes.removeAll(NOT_PAGES.keySet());
		Set<String> toured = new TreeSet<>();
		TOUR.values().forEach((stops) -> stops.forEach((stop) -> toured.add(route(stop))));
		assertThat(toured).as("the GET routes the tour visits").containsAll(routes);
	}

	@Test
	void anonymous(WebDriver browser, BrowserSize size) throws IOException {
		UUID school = this.testSchools.school("Page tour school");
		String newcomer = this.testSchools.memberWithoutSecondFactor(school, Role.STAFF, Role.DSL);
		Map<String, String> ids = Map.of("token",
				this.tokens.issue(this.testSchools.user(newcomer).id(), StaffTokens.Purpose.INVITATION));
		browser.manage().deleteAllCookies();
		for (String stop : TOUR.get("anonymous")) {
			if (stop.equals("/sign-in/second-factor/enrol")) {
				// A DSL's first sign-in, before they have an authenticator app.
				passwordOnly(browser, newcomer);
				new WebDriverWait(browser, Duration.ofSeconds(10))
					.until(ExpectedConditions.urlContains("/sign-in/second-factor/enrol"));
				look(browser, size, "anonymous", stop);
			}
			else {
				visit(browser, size, "anonymous", stop, ids);
			}
		}
	}

	@Test
	void teacher(WebDriver browser, BrowserSize size) throws IOException {
		tour(browser, size, "teacher");
	}

	@Test
	void dsl(WebDriver browser, BrowserSize size) throws IOException {
		Map<String, String> ids = ids(this.jdbc);
		browser.manage().deleteAllCookies();
		passwordOnly(browser, EMAILS.get("dsl"));
		new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.titleContains("Enter your code"));
		for (String stop : TOUR.get("dsl")) {
			if (stop.equals("/sign-in/second-factor")) {
				look(browser, size, "dsl", stop);
			}
			else if (stop.equals("/sign-in/second-factor/recovery")) {
				visit(browser, size, "dsl", stop, ids);
				browser.get(url("/sign-in/second-factor"));
				browser.findElement(By.id("code")).sendKeys(TestCodes.nextCode(EMAILS.get("dsl")));
				browser.findElement(By.xpath("//button[normalize-space()='Continue']")).click();
				new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.titleContains("Home"));
			}
			else if (stop.equals("/pupils/{pupil}/chronology/disclosures/{disclosure}")) {
				// The record of a disclosure the DSL has just made, as the export form
				// leads to it.
				browser.findElement(By.cssSelector("label[for=recipient-POLICE]")).click();
				browser.findElement(By.id("recipientName")).sendKeys("DC Patel, Thames Valley Police");
				browser.findElement(By.id("purpose")).sendKeys("Strategy discussion tomorrow");
				new Select(browser.findElement(By.id("lawfulBasis"))).selectByValue("SAFEGUARDING");
				browser.findElement(By.cssSelector("label[for=period-WHOLE]")).click();
				browser.findElement(By.cssSelector("label[for=childTold-YES]")).click();
				browser.findElement(By.xpath("//button[normalize-space()='Record the disclosure and continue']"))
					.click();
				new WebDriverWait(browser, Duration.ofSeconds(10))
					.until(ExpectedConditions.titleContains("Disclosure recorded"));
				look(browser, size, "dsl", stop);
			}
			else if (stop.equals("/admin/pupils/import/{import}")) {
				Path csv = Files.createTempFile("tour-pupils", ".csv");
				Files.writeString(csv,
						"UPN,Legal surname,Legal forename,Preferred forename,Date of birth,Gender,"
								+ "Year group,Class,Enrolment date\n" + TestSchools.uniqueUpn()
								+ ",Touring,Tilly,,2019-04-02,F,2,Rowan,2023-09-04\n",
						StandardCharsets.UTF_8);
				browser.findElement(By.id("file")).sendKeys(csv.toString());
				browser.findElement(By.xpath("//button[normalize-space()='Check the file']")).click();
				new WebDriverWait(browser, Duration.ofSeconds(10))
					.until(ExpectedConditions.urlContains("/admin/pupils/import/"));
				look(browser, size, "dsl", stop);
			}
			else {
				visit(browser, size, "dsl", stop, ids);
			}
		}
	}

	@Test
	void deputy(WebDriver browser, BrowserSize size) throws IOException {
		tour(browser, size, "deputy");
	}

	@Test
	void safeguardingTeamMember(WebDriver browser, BrowserSize size) throws IOException {
		tour(browser, size, "senco");
	}

	@Test
	void governor(WebDriver browser, BrowserSize size) throws IOException {
		tour(browser, size, "governor");
	}

	@Test
	void admin(WebDriver browser, BrowserSize size) throws IOException {
		tour(browser, size, "admin");
	}

	private void passwordOnly(WebDriver browser, String email) {
		browser.get(url("/login"));
		browser.findElement(By.id("email")).sendKeys(email);
		browser.findElement(By.id("password")).sendKeys(Visitor.DEMO_PASSWORD);
		browser.findElement(By.xpath("//button[normalize-space()='Sign in']")).click();
	}

	private void tour(WebDriver browser, BrowserSize size, String role) throws IOException {
		Map<String, String> ids = ids(this.jdbc);
		browser.manage().deleteAllCookies();
		BrowserSignIn.signIn(browser, this.port, EMAILS.get(role), Visitor.DEMO_PASSWORD);
		for (String stop : TOUR.get(role)) {
			if (stop.contains("{teacherAction}") && !ids.containsKey("teacherAction")) {
				continue;
			}
			visit(browser, size, role, stop, ids);
		}
	}

	private void visit(WebDriver browser, BrowserSize size, String role, String stop, Map<String, String> ids)
			throws IOException {
		String path = stop;
		for (Map.Entry<String, String> id : ids.entrySet()) {
			path = path.replace("{" + id.getKey() + "}", id.getValue());
		}
		assertThat(path).as("every id of " + stop + " is known").doesNotContain("{");
		browser.get(url(path));
		look(browser, size, role, stop);
	}

	/**
	 * Checks the page is the one asked for, not an error, and keeps a screenshot of all
	 * of it when asked to.
	 */
	private void look(WebDriver browser, BrowserSize size, String role, String stop) throws IOException {
		String title = browser.getTitle().replace(" – Haven", "");
		if (!stop.equals("/no-such-page")) {
			assertThat(ERROR_TITLES).as(role + " at " + stop + " (" + browser.getCurrentUrl() + ")")
				.doesNotContain(title);
		}
		if (!SCREENSHOTS) {
			return;
		}
		Map<String, Object> shot = ((HasCdp) browser).executeCdpCommand("Page.captureScreenshot",
				Map.of("format", "png", "captureBeyondViewport", true));
		Path folder = Files.createDirectories(Path.of("target", "screenshots", size.label()));
		Files.write(folder.resolve(role + name(stop) + ".png"), Base64.getDecoder().decode((String) shot.get("data")));
	}

	private static String name(String stop) {
		String name = stop.replaceAll("[{}]", "").replaceAll("[^A-Za-z0-9]+", "-").replaceAll("-$", "");
		return name.equals("") ? "-home" : name;
	}

	/** The route a stop visits: its pattern as the matrix names it. */
	private static String route(String stop) {
		String path = stop.replaceFirst("\\?.*", "").replaceFirst("/steps/[a-z-]+$", "/steps/{slug}");
		if (path.matches("/pupils/\\{pupil\\}/chronology/new/.*")) {
			return "/pupils/{id}/chronology/new/{kind}";
		}
		return path.replace("{disclosure}", "{disclosureId}")
			.replaceAll("\\{(?!year\\}|disclosureId\\}|slug\\}|entry\\})[A-Za-z]+\\}", "{id}")
			.replaceFirst("/chronology/\\{id\\}/", "/chronology/{entryId}/");
	}

	/** The demo school's records the tour opens. */
	static Map<String, String> ids(JdbcTemplate jdbc) {
		UUID school = jdbc.queryForObject("select id from school where name = 'Oakfield Primary School'", UUID.class);
		UUID teacher = staff(jdbc, "teacher");
		UUID senco = staff(jdbc, "senco");
		UUID pupil = jdbc.queryForObject("select pupil_id from chronology_entry where school_id = ?"
				+ " group by pupil_id having count(*) filter (where kind = 'REFERRAL') > 0"
				+ " order by count(*) desc limit 1", UUID.class, school);
		UUID sencoConcern = jdbc.queryForObject(
				"select c.id from concern c" + " join concern_category cc on cc.concern_id = c.id"
						+ " join staff_category_grant g on g.category_id = cc.category_id"
						+ " where c.school_id = ? and g.staff_id = ? order by c.recorded_at desc limit 1",
				UUID.class, school, senco);
		List<String> teacherAction = jdbc.queryForList(
				"select id::text from follow_up_action where owner_id = ? order by created_at desc limit 1",
				String.class, teacher);
		Map<String, String> ids = new HashMap<>();
		ids.put("pupil", pupil.toString());
		LocalDate today = LocalDate.now(SchoolTime.ZONE);
		ids.put("year", String.valueOf((today.getMonthValue() >= 9) ? today.getYear() : today.getYear() - 1));
		ids.put("note",
				one(jdbc,
						"select id from chronology_entry where pupil_id = ?"
								+ " and kind in ('NOTE', 'MEETING', 'COMMUNICATION', 'INFORMATION_SHARED')"
								+ " order by occurred_at desc limit 1",
						pupil));
		ids.put("referral", one(jdbc, "select id from chronology_entry where pupil_id = ? and kind = 'REFERRAL'"
				+ " order by occurred_at desc limit 1", pupil));
		ids.put("concern", one(jdbc, "select concern_id from chronology_entry where pupil_id = ?"
				+ " and concern_id is not null order by occurred_at desc limit 1", pupil));
		ids.put("action", one(jdbc,
				"select id from follow_up_action where school_id = ? order by created_at desc limit 1", school));
		ids.put("teacherConcern",
				one(jdbc, "select id from concern where raised_by = ? order by recorded_at desc limit 1", teacher));
		if (!teacherAction.isEmpty()) {
			ids.put("teacherAction", teacherAction.get(0));
		}
		ids.put("staff", staff(jdbc, "deputy").toString());
		ids.put("category", one(jdbc, "select id from category where active order by sort_order limit ?", 1));
		ids.put("sencoConcern", sencoConcern.toString());
		ids.put("teacherAllegation", one(jdbc, "select id from allegation where raised_by = ? limit 1", teacher));
		ids.put("allegation",
				one(jdbc, "select id from allegation where school_id = ? order by recorded_at desc limit 1", school));
		// A step recorded on a case, which its manager may amend.
		ids.put("entry",
				one(jdbc,
						"select id from allegation_entry where kind not in ('RECEIVED', 'AMENDMENT', "
								+ "'ACCESS_GIVEN', 'ACCESS_REMOVED') and allegation_id in (select id from allegation "
								+ "where school_id = ?) order by recorded_at desc limit 1",
						school));
		ids.put("amended",
				one(jdbc, "select allegation_id from allegation_entry where id = ?::uuid", ids.get("entry")));
		// A case closed as false and not yet reduced to the minimum.
		ids.put("falseAllegation", one(jdbc, "select e.allegation_id from allegation_entry e join allegation a on "
				+ "a.id = e.allegation_id where a.school_id = ? and e.kind = 'OUTCOME' and e.details ->> 'choice' "
				+ "in ('FALSE', 'MALICIOUS') and not exists (select 1 from allegation_redaction r "
				+ "where r.allegation_id = a.id) limit 1", school));
		ids.put("report", one(jdbc,
				"select id from governors_report where school_id = ? order by published_at desc limit 1", school));
		ids.put("sencoPupil",
				one(jdbc, "select pupil_id from concern_pupil where concern_id = ? limit 1", sencoConcern));
		return ids;
	}

	private static String one(JdbcTemplate jdbc, String sql, Object argument) {
		List<String> found = new ArrayList<>(
				jdbc.queryForList(sql, Object.class, argument).stream().map(String::valueOf).toList());
		assertThat(found).as(sql).isNotEmpty();
		return found.get(0);
	}

	private static UUID staff(JdbcTemplate jdbc, String role) {
		return jdbc.queryForObject("select id from staff_account where email = ?", UUID.class, EMAILS.get(role));
	}

	private String url(String path) {
		return "http://localhost:" + this.port + path;
	}

}
