package org.haven.audit;

import java.io.StringReader;
import java.net.http.HttpResponse;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.haven.HavenTest;
import org.haven.OwnerSession;
import org.haven.Sql;
import org.haven.TestSchools;
import org.haven.Visitor;
import org.haven.accounts.HavenUser;
import org.haven.accounts.Role;
import org.haven.pupils.YearGroup;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

@HavenTest
@ExtendWith(OutputCaptureExtension.class)
class AuditLogTests {

	@LocalServerPort
	int port;

	@Autowired
	TestSchools testSchools;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	AuditSeal seal;

	@Autowired
	AuditTrail audit;

	@Autowired
	TransactionTemplate transaction;

	@Autowired
	Environment environment;

	UUID school;

	String dslEmail;

	HavenUser dsl;

	Visitor dslVisitor;

	@BeforeEach
	void school() {
		this.school = this.testSchools.school("Audit log school");
		this.dslEmail = this.testSchools.member(this.school, Role.STAFF, Role.DSL);
		this.dsl = this.testSchools.user(this.dslEmail);
		this.dslVisitor = new Visitor(this.port).signedInAs(this.dslEmail);
	}

	@Test
	void everyEventIsSealedIntoOneChainAndAnAlteredEventIsNamed() throws SQLException {
		UUID target = UUID.randomUUID();
		TestSchools.as(this.dsl, () -> this.transaction.execute((status) -> {
			this.audit.record("TEST_EVENT", "test", target, "as it happened");
			return null;
		}));
		AuditSeal.ChainCheck intact = TestSchools.as(this.dsl, () -> this.seal.verify());
		assertThat(intact.intact()).isTrue();
		assertThat(this.jdbc.queryForObject("select count(*) from audit_unsealed u join audit_event e"
				+ " on e.id = u.event_id where e.target_id = ?", Integer.class, target))
			.as("the check seals whatever waits first")
			.isZero();
		long position = this.jdbc.queryForObject("select s.position from audit_seal s join audit_event e"
				+ " on e.id = s.event_id where e.target_id = ?", Long.class, target);

		asOwner("update audit_event set details = 'rewritten' where target_id = '" + target + "'");
		try {
			AuditSeal.ChainCheck broken = TestSchools.as(this.dsl, () -> this.seal.verify());
			assertThat(broken.intact()).isFalse();
			assertThat(broken.brokenAt()).isEqualTo(position);
			assertThat(broken.problem()).contains("altered");
		}
		finally {
			asOwner("update audit_event set details = 'as it happened' where target_id = '" + target + "'");
		}
		assertThat(TestSchools.as(this.dsl, () -> this.seal.verify()).intact()).isTrue();
	}

	@Test
	void removingTheNewestEventAndItsSealIsNamed() throws SQLException {
		sealedEvent();
		try (OwnerSession owner = OwnerSession.open(this.environment).holdingTheSealer()) {
			long newest = owner.queryForLong("select max(position) from audit_seal");
			saveTail(owner, newest);
			owner.withoutTriggers(new String[] { "audit_seal", "audit_event" }, REMOVE_TAIL);
			try {
				AuditSeal.ChainCheck check = this.seal.walk();
				assertThat(check.intact()).isFalse();
				assertThat(check.brokenAt()).isEqualTo(newest);
				assertThat(check.problem()).contains("event " + newest, "missing");
			}
			finally {
				owner.withoutTriggers(new String[0], RESTORE_TAIL);
			}
		}
		assertThat(TestSchools.as(this.dsl, () -> this.seal.verify()).intact()).isTrue();
	}

	@Test
	void theSignedCheckpointStillNamesTheNewestEventWhenTheOwnerAlsoRewindsTheHead() throws SQLException {
		try (OwnerSession owner = OwnerSession.holdingTheSealerAtACheckpoint(this.environment, this::sealedEvent)) {
			long newest = owner.queryForLong("select max(position) from audit_seal");
			saveTail(owner, newest);
			owner.withoutTriggers(new String[0], "create temp table saved_head as select * from audit_head");
			owner.withoutTriggers(new String[] { "audit_seal", "audit_event" },
					and(REMOVE_TAIL,
							"update audit_head set position = position - 1, hash = (select hash from audit_seal"
									+ " where position = " + (newest - 1) + ")"));
			try {
				AuditSeal.ChainCheck check = this.seal.walk();
				assertThat(check.intact()).isFalse();
				assertThat(check.brokenAt()).isEqualTo(newest);
				assertThat(check.problem()).contains("event " + newest, "missing", "checkpoint");
			}
			finally {
				owner.withoutTriggers(new String[0],
						and(RESTORE_TAIL, "delete from audit_head", "insert into audit_head select * from saved_head"));
			}
		}
		assertThat(TestSchools.as(this.dsl, () -> this.seal.verify()).intact()).isTrue();
	}

	@Test
	void aCheckpointNotSignedWithHavensKeyIsNamed() throws SQLException {
		sealedEvent();
		try (OwnerSession owner = OwnerSession.open(this.environment).holdingTheSealer()) {
			owner.withoutTriggers(new String[0], """
					insert into audit_checkpoint (id, position, hash, made_at, key_id, mac)
					select gen_random_uuid(), position, hash, now(), key_id, sha256('forged') from audit_checkpoint
					order by made_at desc limit 1""");
			try {
				AuditSeal.ChainCheck check = this.seal.walk();
				assertThat(check.intact()).isFalse();
				assertThat(check.problem()).contains("checkpoint", "not signed");
			}
			finally {
				owner.withoutTriggers(new String[] { "audit_checkpoint" },
						"delete from audit_checkpoint where mac = sha256('forged')");
			}
		}
	}

	@Test
	void theDslSeesTheNewestSignedCheckpointAndCanKeepACopy(CapturedOutput output) {
		sealedEvent();
		Document page = page(this.dslVisitor, "/admin/audit");
		String checkpoint = page.select("#checkpoint").text();
		assertThat(checkpoint).startsWith("haven-audit-checkpoint-v1 events=");
		assertThat(page.select("#checkpoint-made").text()).isNotBlank();
		assertThat(output.getOut()).contains(checkpoint);
		HttpResponse<String> download = this.dslVisitor.get("/admin/audit/checkpoint");
		assertThat(download.statusCode()).isEqualTo(200);
		assertThat(download.headers().firstValue("Content-Disposition")).get()
			.asString()
			.startsWith("attachment; filename=\"haven-audit-checkpoint-");
		assertThat(download.body()).contains(checkpoint);
	}

	@Test
	void theDslChecksACheckpointTheyKeptAgainstTheLog() {
		sealedEvent();
		String kept = page(this.dslVisitor, "/admin/audit").select("#checkpoint").text();

		assertThat(this.dslVisitor.post("/admin/audit/checkpoint", Map.of("checkpoint", "Kept: " + kept)).statusCode())
			.isEqualTo(302);
		assertThat(page(this.dslVisitor, "/admin/audit").select("#kept-result").text()).contains("still holds",
				"as they were");

		String altered = kept.replaceFirst("events=(\\d+)", "events=1$1");
		this.dslVisitor.post("/admin/audit/checkpoint", Map.of("checkpoint", altered));
		assertThat(page(this.dslVisitor, "/admin/audit").select("#kept-result").text())
			.contains("not signed by this Haven");

		this.dslVisitor.post("/admin/audit/checkpoint", Map.of("checkpoint", "not a checkpoint"));
		Document refused = page(this.dslVisitor, "/admin/audit");
		assertThat(refused.select(".govuk-error-summary li").eachText())
			.containsExactly("Paste the whole checkpoint, from haven-audit-checkpoint-v1 to the end of its mac");
		assertThat(refused.select("#checkpoint-kept-error").text()).contains("Paste the whole checkpoint");
		assertThat(refused.select("textarea#checkpoint-kept").text()).isEqualTo("not a checkpoint");
		assertThat(refused.select("#kept-result")).isEmpty();
	}

	/** Removes the saved tail: the newest seal and the event it seals. */
	private static final String[] REMOVE_TAIL = {
			"delete from audit_seal where position in (select position from saved_seal)",
			"delete from audit_event where id in (select id from saved_event)" };

	private static final String[] RESTORE_TAIL = { "insert into audit_event select * from saved_event",
			"insert into audit_seal select * from saved_seal" };

	private static String[] and(String[] first, String... then) {
		return java.util.stream.Stream.concat(java.util.Arrays.stream(first), java.util.Arrays.stream(then))
			.toArray(String[]::new);
	}

	private void saveTail(OwnerSession owner, long newest) throws SQLException {
		owner.withoutTriggers(new String[0],
				"create temp table saved_seal as select * from audit_seal where position = " + newest,
				"create temp table saved_event as select e.* from audit_event e join saved_seal s on s.event_id = e.id");
	}

	/**
	 * An event, sealed and covered by a signed checkpoint (as the DSL's check leaves it).
	 */
	private void sealedEvent() {
		TestSchools.as(this.dsl, () -> this.transaction.execute((status) -> {
			this.audit.record("TEST_EVENT", "test", UUID.randomUUID(), "as it happened");
			return null;
		}));
		assertThat(TestSchools.as(this.dsl, () -> this.seal.verify()).intact()).isTrue();
	}

	@Test
	void theDslReadsTheirOwnSchoolsTrailFilteredAndPaged() {
		UUID pupil = this.testSchools.pupil(this.school, "Ruth", "Audited", YearGroup.YEAR_1, "Ash");
		String upn = this.jdbc.queryForObject("select upn from pupil where id = ?", String.class, pupil);
		for (int i = 0; i < 3; i++) {
			this.dslVisitor.get("/pupils/" + pupil + "/chronology");
		}
		UUID elsewhere = this.testSchools.school("Audit elsewhere");
		Visitor otherDsl = new Visitor(this.port).signedInAs(this.testSchools.member(elsewhere, Role.STAFF, Role.DSL));

		Document page = page(this.dslVisitor, "/admin/audit?action=CHRONOLOGY_VIEWED&pupil=" + upn);
		assertThat(page.select("#events tbody tr")).hasSize(3);
		assertThat(page.select("#events tbody tr").first().text()).contains("Chronology viewed", "Ruth Audited",
				this.dsl.name());
		assertThat(page.select("#event-count").text()).isEqualTo("3 events");
		assertThat(page(otherDsl, "/admin/audit?action=CHRONOLOGY_VIEWED").select("#events").text())
			.doesNotContain("Ruth Audited");
		// The action filter offers words, keeping the codes as its values.
		assertThat(page.select("#action option[selected]").text()).isEqualTo("Chronology viewed");
		assertThat(page.select("#action option[value=CHRONOLOGY_VIEWED]").text()).isEqualTo("Chronology viewed");
		assertThat(page.select("#action option").eachText()).noneMatch((text) -> text.matches(".*[A-Z]+_[A-Z_]+.*"));

		// By person, and by dates.
		assertThat(page(this.dslVisitor, "/admin/audit?person=" + this.dsl.id()).select("#events tbody tr"))
			.isNotEmpty()
			.allSatisfy((row) -> assertThat(row.text()).contains(this.dsl.name()));
		assertThat(page(this.dslVisitor, "/admin/audit?from=2001-01-01&to=2001-01-02").select("#events tbody tr"))
			.isEmpty();
		Document wrong = page(this.dslVisitor, "/admin/audit?pupil=NOTAUPN&from=yesterday");
		assertThat(wrong.select(".govuk-error-summary li").eachText())
			.containsExactly("No pupil at this school has that UPN", "Enter a real date");
		assertThat(wrong.select("#events tbody tr")).isEmpty();

		// Pages of 50.
		for (int i = 0; i < 52; i++) {
			this.dslVisitor.get("/pupils/" + pupil + "/chronology");
		}
		Document first = page(this.dslVisitor, "/admin/audit?pupil=" + upn);
		assertThat(first.select("#events tbody tr")).hasSize(50);
		assertThat(first.select(".govuk-pagination").text()).contains("Page 1 of 2");
		assertThat(page(this.dslVisitor, "/admin/audit?pupil=" + upn + "&page=2").select("#events tbody tr"))
			.as("55 viewings in all")
			.hasSize(5);
	}

	@Test
	void theExportIsACsvASpreadsheetCannotRunAndIsItselfAudited() throws Exception {
		UUID pupil = this.testSchools.pupil(this.school, "=HYPERLINK(\"http://evil.example\")", "+Cmd",
				YearGroup.YEAR_3, "-Oak");
		String upn = this.jdbc.queryForObject("select upn from pupil where id = ?", String.class, pupil);
		this.dslVisitor.get("/pupils/" + pupil + "/chronology");
		HttpResponse<String> export = this.dslVisitor.get("/admin/audit/export?pupil=" + upn);
		assertThat(export.statusCode()).isEqualTo(200);
		assertThat(export.headers().firstValue("Content-Type")).get().asString().startsWith("text/csv");
		assertThat(export.headers().firstValue("Content-Disposition")).get()
			.asString()
			.startsWith("attachment; filename=\"haven-audit-");
		List<CSVRecord> rows = CSVFormat.DEFAULT.builder()
			.setHeader()
			.setSkipHeaderRecord(true)
			.get()
			.parse(new StringReader(export.body().substring(1)))
			.getRecords();
		assertThat(rows).isNotEmpty();
		assertThat(rows).extracting((row) -> row.get("Record"))
			.allSatisfy((name) -> assertThat(name).startsWith("'=HYPERLINK"));
		assertThat(rows).extracting((row) -> row.get("Who")).contains(this.dsl.name());
		assertThat(this.jdbc.queryForObject(
				"select details from audit_event where actor_id = ? and action = 'AUDIT_EXPORTED'", String.class,
				this.dsl.id()))
			.contains("pupil " + upn);
		assertThat(AuditController.cell("-1+1")).isEqualTo("'-1+1");
		assertThat(AuditController.cell("@SUM(A1)")).isEqualTo("'@SUM(A1)");
		assertThat(AuditController.cell("Plain")).isEqualTo("Plain");
	}

	@Test
	void theDslSeesWhoHasViewedAChildsRecordAndNobodyElseDoes() {
		UUID pupil = this.testSchools.pupil(this.school, "Vera", "Viewed", YearGroup.YEAR_5, "Elm");
		String deputyEmail = this.testSchools.member(this.school, Role.STAFF, Role.DEPUTY_DSL);
		Visitor deputy = new Visitor(this.port).signedInAs(deputyEmail);
		assertThat(page(deputy, "/pupils/" + pupil + "/chronology").select("#viewers")).isEmpty();

		Document chronology = page(this.dslVisitor, "/pupils/" + pupil + "/chronology");
		assertThat(chronology.select("#viewers tbody tr").eachText()).hasSize(2)
			.anySatisfy((row) -> assertThat(row).contains(this.dsl.name()))
			.anySatisfy((row) -> assertThat(row).contains(this.testSchools.user(deputyEmail).name()));
	}

	private static Document page(Visitor visitor, String path) {
		HttpResponse<String> response = visitor.get(path);
		assertThat(response.statusCode()).as(path).isEqualTo(200);
		return Jsoup.parse(response.body());
	}

	private void asOwner(String sql) throws SQLException {
		Sql.asOwnerWithoutTrigger(this.environment, "audit_event", sql);
	}

}
