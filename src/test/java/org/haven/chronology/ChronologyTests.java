package org.haven.chronology;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.haven.HavenTest;
import org.haven.Sql;
import org.haven.TestSchools;
import org.haven.accounts.AccessLevels;
import org.haven.accounts.HavenUser;
import org.haven.accounts.Role;
import org.haven.pupils.YearGroup;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

@HavenTest
class ChronologyTests {

	@Autowired
	Chronology chronology;

	@Autowired
	TestSchools testSchools;

	@Autowired
	TransactionTemplate transaction;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	AccessLevels access;

	@Autowired
	Environment environment;

	UUID school;

	HavenUser dsl;

	HavenUser deputy;

	HavenUser teacher;

	UUID pupil;

	@BeforeEach
	void school() {
		this.school = this.testSchools.school("Chronology test school");
		this.dsl = this.testSchools.user(this.testSchools.member(this.school, Role.STAFF, Role.DSL));
		this.deputy = this.testSchools.user(this.testSchools.member(this.school, Role.STAFF, Role.DEPUTY_DSL));
		this.teacher = this.testSchools.user(this.testSchools.member(this.school, Role.STAFF));
		this.pupil = this.testSchools.pupil(this.school, "Ada", "Chain", YearGroup.YEAR_5, "Cedar");
	}

	@Test
	void theApplicationRoleCannotUpdateDeleteOrTruncateEntries() {
		UUID entry = write(this.pupil, "A note", Set.of(), false);
		assertThat(this.jdbc.queryForObject("select current_user", String.class)).isEqualTo("haven_app");
		assertThat(Sql.stateOf(this.jdbc, "update chronology_entry set summary = 'changed' where id = ?", entry))
			.isEqualTo(Sql.INSUFFICIENT_PRIVILEGE);
		assertThat(Sql.stateOf(this.jdbc, "delete from chronology_entry where id = ?", entry))
			.isEqualTo(Sql.INSUFFICIENT_PRIVILEGE);
		assertThat(Sql.stateOf(this.jdbc, "truncate chronology_entry cascade")).isEqualTo(Sql.INSUFFICIENT_PRIVILEGE);
		assertThat(Sql.stateOf(this.jdbc, "update concern set observed = 'changed'"))
			.isEqualTo(Sql.INSUFFICIENT_PRIVILEGE);
		assertThat(Sql.stateOf(this.jdbc, "delete from concern")).isEqualTo(Sql.INSUFFICIENT_PRIVILEGE);
		assertThat(Sql.stateOf(this.jdbc, "truncate concern cascade")).isEqualTo(Sql.INSUFFICIENT_PRIVILEGE);
		assertThat(this.jdbc.queryForObject("select summary from chronology_entry where id = ?", String.class, entry))
			.isEqualTo("A note");
	}

	@Test
	void evenTheOwnerRoleIsRefusedByTheTriggers() throws SQLException {
		UUID entry = write(this.pupil, "A note", Set.of(), false);
		try (Connection owner = owner(); Statement statement = owner.createStatement()) {
			for (String sql : List.of("update chronology_entry set summary = 'changed' where id = '" + entry + "'",
					"delete from chronology_entry where id = '" + entry + "'", "truncate chronology_entry cascade")) {
				try {
					statement.execute(sql);
					throw new AssertionError("The owner role was allowed: " + sql);
				}
				catch (SQLException ex) {
					assertThat(ex.getSQLState()).isEqualTo(Sql.INSUFFICIENT_PRIVILEGE);
				}
			}
		}
	}

	@Test
	void eachEntryIsChainedToTheOneBeforeIt() {
		UUID first = write(this.pupil, "First", Set.of(), false);
		UUID second = write(this.pupil, "Second", Set.of(), false);
		assertThat(position(first)).isEqualTo(1);
		assertThat(position(second)).isEqualTo(2);
		assertThat(this.jdbc.queryForObject("select previous_hash is null from chronology_entry where id = ?",
				Boolean.class, first))
			.isTrue();
		assertThat(this.jdbc.queryForObject("select previous_hash from chronology_entry where id = ?", byte[].class,
				second))
			.isEqualTo(this.jdbc.queryForObject("select hash from chronology_entry where id = ?", byte[].class, first));
		Verification verification = TestSchools.as(this.dsl, () -> this.chronology.verify(this.school, this.pupil));
		assertThat(verification.intact()).isTrue();
		assertThat(verification.entries()).isEqualTo(2);
	}

	@Test
	void parallelWritersNeverForkAChain() throws Exception {
		ExecutorService writers = Executors.newFixedThreadPool(8);
		try {
			List<Future<UUID>> written = new ArrayList<>();
			for (int i = 0; i < 80; i++) {
				int n = i;
				written.add(writers.submit(() -> write(this.pupil, "Parallel " + n, Set.of(), false)));
			}
			for (Future<UUID> entry : written) {
				entry.get();
			}
		}
		finally {
			writers.shutdown();
		}
		assertThat(this.jdbc.queryForList(
				"select chain_position from chronology_entry where pupil_id = ? order by chain_position", Long.class,
				this.pupil))
			.containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, 80).boxed().toList());
		assertThat(this.jdbc.queryForObject(
				"select count(distinct previous_hash) from chronology_entry where pupil_id = ? and previous_hash is not null",
				Integer.class, this.pupil))
			.as("no two entries follow the same one")
			.isEqualTo(79);
		assertThat(this.chronology.walk(this.school, this.pupil).intact()).isTrue();
	}

	@Test
	void verificationFindsExactlyTheEntryTheOwnerAltered() throws SQLException {
		write(this.pupil, "First", Set.of(), false);
		UUID second = write(this.pupil, "Second", Set.of(), false);
		write(this.pupil, "Third", Set.of(), false);
		asOwnerWithoutTriggers("update chronology_entry set summary = 'Rewritten' where id = '" + second + "'");

		Verification verification = TestSchools.as(this.dsl, () -> this.chronology.verify(this.school, this.pupil));
		assertThat(verification.intact()).isFalse();
		assertThat(verification.brokenAt()).isEqualTo(2);
		assertThat(verification.brokenEntryId()).isEqualTo(second);
		assertThat(verification.problem()).contains("altered");
		assertThat(this.jdbc.queryForObject(
				"select count(*) from audit_event where target_id = ? and action = 'CHRONOLOGY_VERIFIED' and details like 'chain broken at entry 2%'",
				Integer.class, this.pupil))
			.isOne();
	}

	@Test
	void verificationFindsARemovedEntry() throws SQLException {
		write(this.pupil, "First", Set.of(), false);
		UUID second = write(this.pupil, "Second", Set.of(), false);
		UUID third = write(this.pupil, "Third", Set.of(), false);
		asOwnerWithoutTriggers("delete from chronology_entry where id = '" + second + "'");

		Verification verification = this.chronology.walk(this.school, this.pupil);
		assertThat(verification.brokenAt()).isEqualTo(2);
		assertThat(verification.brokenEntryId()).isEqualTo(third);
		assertThat(verification.problem()).contains("missing");
	}

	@Test
	void verificationFindsTheNewestEntryRemoved() throws SQLException {
		write(this.pupil, "First", Set.of(), false);
		write(this.pupil, "Second", Set.of(), false);
		UUID third = write(this.pupil, "Third", Set.of(), false);
		asOwnerWithoutTriggers("delete from chronology_entry where id = '" + third + "'");

		Verification verification = this.chronology.walk(this.school, this.pupil);
		assertThat(verification.intact()).isFalse();
		assertThat(verification.brokenAt()).isEqualTo(3);
		assertThat(verification.problem()).contains("entry 3", "missing");
	}

	@Test
	void theAuditTrailStillNamesTheNewestEntryWhenTheOwnerAlsoRewindsTheHead() throws SQLException {
		write(this.pupil, "First", Set.of(), false);
		UUID second = write(this.pupil, "Second", Set.of(), false);
		UUID third = write(this.pupil, "Third", Set.of(), false);
		asOwnerWithoutTriggers("delete from chronology_entry where id = '" + third + "'",
				"update chronology_head set position = 2, hash = (select hash from chronology_entry where id = '"
						+ second + "') where pupil_id = '" + this.pupil + "'");

		Verification verification = this.chronology.walk(this.school, this.pupil);
		assertThat(verification.intact()).isFalse();
		assertThat(verification.brokenAt()).isEqualTo(3);
		assertThat(verification.problem()).contains("entry 3", "missing", "audit");
	}

	@Test
	void aLaterEntryDoesNotPaperOverTheRemovedNewestOne() throws SQLException {
		write(this.pupil, "First", Set.of(), false);
		UUID second = write(this.pupil, "Second", Set.of(), false);
		asOwnerWithoutTriggers("delete from chronology_entry where id = '" + second + "'");
		write(this.pupil, "Written after the removal", Set.of(), false);

		Verification verification = this.chronology.walk(this.school, this.pupil);
		assertThat(verification.intact()).isFalse();
		assertThat(verification.brokenAt()).isEqualTo(2);
		assertThat(verification.problem()).contains("entry 2", "missing");
	}

	@Test
	void everyEntryIsRecordedInTheAuditTrailWithItsPlaceAndHash() {
		UUID entry = write(this.pupil, "Anchored", Set.of(), false);
		byte[] hash = this.jdbc.queryForObject("select hash from chronology_entry where id = ?", byte[].class, entry);
		assertThat(this.jdbc.queryForList(
				"select details from audit_event where target_id = ? and action = 'CHRONOLOGY_ENTRY_RECORDED'",
				String.class, this.pupil))
			.containsExactly("entry 1, sha-256 " + java.util.HexFormat.of().formatHex(hash));
	}

	@Test
	void theDslReadsEverythingADeputySeesOnlyThatARestrictedEntryExists() {
		UUID neglect = this.testSchools.category("neglect");
		UUID allegation = this.testSchools.category("allegation-against-staff");
		write(this.pupil, "Ordinary", Set.of(neglect), false);
		write(this.pupil, "Marked DSL only", Set.of(neglect), true);
		write(this.pupil, "About a member of staff", Set.of(allegation), false);

		assertThat(summaries(this.dsl)).containsExactly("Ordinary", "Marked DSL only", "About a member of staff");
		List<ChronologyEntry> deputyView = read(this.deputy).entries();
		assertThat(deputyView).hasSize(3);
		assertThat(deputyView.get(0).summary()).isEqualTo("Ordinary");
		assertThat(deputyView.subList(1, 3)).allSatisfy((entry) -> {
			assertThat(entry.masked()).isTrue();
			assertThat(entry.summary()).isNull();
			assertThat(entry.body()).isNull();
			assertThat(entry.kind()).isNull();
		});
		UUID restricted = deputyView.get(1).id();
		assertThat(TestSchools.as(this.deputy, () -> this.chronology.entry(this.deputy, this.pupil, restricted)))
			.isEmpty();
		assertThat(TestSchools.as(this.dsl, () -> this.chronology.entry(this.dsl, this.pupil, restricted))).isPresent();
	}

	@Test
	void aDeputyFilteringByKindOrCategoryLearnsNothingOfRestrictedEntries() {
		UUID allegation = this.testSchools.category("allegation-against-staff");
		write(this.pupil, "About a member of staff", Set.of(allegation), false);
		assertThat(TestSchools.as(this.deputy,
				() -> this.chronology.read(this.deputy, this.pupil,
						new ChronologyFilter(EntryKind.NOTE, null, null, null), 1, 50)))
			.get()
			.satisfies((page) -> assertThat(page.total()).isZero());
		assertThat(
				TestSchools.as(this.dsl,
						() -> this.chronology.read(this.dsl, this.pupil,
								new ChronologyFilter(null, allegation, null, null), 1, 50)))
			.get()
			.satisfies((page) -> assertThat(page.total()).isOne());
	}

	@Test
	void theSafeguardingTeamSeesOnlyEntriesInTheirCategories() {
		UUID selfHarm = this.testSchools.category("self-harm");
		UUID neglect = this.testSchools.category("neglect");
		UUID allegation = this.testSchools.category("allegation-against-staff");
		String email = this.testSchools.member(this.school, Role.STAFF);
		TestSchools.as(this.dsl, () -> this.access.change(this.school, this.testSchools.user(email).id(),
				Set.of(Role.STAFF, Role.SAFEGUARDING_TEAM), Set.of(selfHarm)));
		HavenUser senco = this.testSchools.user(email);
		UUID otherPupil = this.testSchools.pupil(this.school, "Bo", "Other", YearGroup.YEAR_5, "Cedar");
		write(otherPupil, "Neglect only", Set.of(neglect), false);
		assertThat(this.chronology.mayView(senco, otherPupil)).as("nothing of theirs: no chronology at all").isFalse();

		write(this.pupil, "Self-harm", Set.of(selfHarm), false);
		write(this.pupil, "Neglect", Set.of(neglect), false);
		write(this.pupil, "Self-harm, DSL only", Set.of(selfHarm), true);
		write(this.pupil, "Self-harm and an allegation", Set.of(selfHarm, allegation), false);
		assertThat(summaries(senco)).containsExactly("Self-harm");
	}

	@Test
	void staffGovernorsAndTheOfficeCannotOpenAChronology() {
		write(this.pupil, "A note", Set.of(), false);
		HavenUser admin = this.testSchools.user(this.testSchools.member(this.school, Role.STAFF, Role.ADMIN));
		HavenUser governor = this.testSchools.user(this.testSchools.member(this.school, Role.GOVERNOR));
		for (HavenUser nobody : List.of(this.teacher, admin, governor)) {
			assertThat(this.chronology.mayView(nobody, this.pupil)).isFalse();
		}
		UUID elsewhere = this.testSchools.school("Another school");
		HavenUser otherDsl = this.testSchools.user(this.testSchools.member(elsewhere, Role.STAFF, Role.DSL));
		assertThat(this.chronology.mayView(otherDsl, this.pupil)).as("another school's DSL").isFalse();
	}

	@Test
	void everyViewIsAuditedAndEntriesComeInTheOrderTheyHappened() {
		Instant now = Instant.now();
		write(this.pupil, "Recorded first, happened later", Set.of(), false, now.minus(1, ChronoUnit.HOURS));
		write(this.pupil, "Recorded later, happened first", Set.of(), false, now.minus(3, ChronoUnit.DAYS));
		List<ChronologyEntry> entries = read(this.dsl).entries();
		assertThat(entries).extracting(ChronologyEntry::summary)
			.containsExactly("Recorded later, happened first", "Recorded first, happened later");
		assertThat(entries.get(0).late()).isTrue();
		assertThat(entries.get(1).late()).isFalse();
		assertThat(this.jdbc.queryForObject(
				"select count(*) from audit_event where target_id = ? and action = 'CHRONOLOGY_VIEWED' and actor_id = ?",
				Integer.class, this.pupil, this.dsl.id()))
			.isOne();
	}

	private List<String> summaries(HavenUser viewer) {
		return read(viewer).entries().stream().map(ChronologyEntry::summary).toList();
	}

	private ChronologyPage read(HavenUser viewer) {
		return TestSchools.as(viewer,
				() -> this.chronology.read(viewer, this.pupil, ChronologyFilter.NONE, 1, 100).orElseThrow());
	}

	private UUID write(UUID pupilId, String summary, Set<UUID> categoryIds, boolean restricted) {
		return write(pupilId, summary, categoryIds, restricted, Instant.now().minus(1, ChronoUnit.MINUTES));
	}

	private UUID write(UUID pupilId, String summary, Set<UUID> categoryIds, boolean restricted, Instant occurred) {
		return this.transaction.execute((status) -> this.chronology
			.record(NewEntry.of(this.school, pupilId, EntryKind.NOTE, occurred, this.dsl.id(), summary)
				.withBody("Body of " + summary)
				.withDetails(List.of(new Detail("who", "Who", "Ms Jones (mother)")))
				.withCategories(categoryIds)
				.withRestricted(restricted)));
	}

	private long position(UUID entry) {
		return this.jdbc.queryForObject("select chain_position from chronology_entry where id = ?", Long.class, entry);
	}

	private Connection owner() throws SQLException {
		return DriverManager.getConnection(this.environment.getProperty("spring.datasource.url"),
				this.environment.getProperty("spring.flyway.user"),
				this.environment.getProperty("spring.flyway.password"));
	}

	/**
	 * What someone with the owner's password could do: set the trigger aside, change a
	 * row, and put the trigger back.
	 */
	private void asOwnerWithoutTriggers(String... sql) throws SQLException {
		try (Connection owner = owner(); Statement statement = owner.createStatement()) {
			owner.setAutoCommit(false);
			statement.execute("alter table chronology_entry disable trigger chronology_entry_append_only");
			for (String each : sql) {
				statement.execute(each);
			}
			statement.execute("alter table chronology_entry enable trigger chronology_entry_append_only");
			owner.commit();
		}
	}

}
