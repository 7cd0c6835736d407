package org.haven.concerns;

import java.math.BigDecimal;
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
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.mail.internet.MimeMessage;
import org.haven.HavenTest;
import org.haven.Sql;
import org.haven.TestSchools;
import org.haven.accounts.AccessLevels;
import org.haven.accounts.Role;
import org.haven.mail.OutboxTestAccess;
import org.haven.mail.TestMail;
import org.haven.pupils.Leaving;
import org.haven.pupils.PupilDirectory;
import org.haven.pupils.YearGroup;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

@HavenTest
@WithMockUser(roles = { "STAFF", "DSL" })
class ConcernLogTests {

	@Autowired
	ConcernLog log;

	@Autowired
	TestSchools testSchools;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	OutboxTestAccess outbox;

	@Autowired
	AccessLevels access;

	@Autowired
	PupilDirectory directory;

	@Autowired
	Environment environment;

	@Autowired
	PlatformTransactionManager transactions;

	UUID school;

	UUID teacher;

	String dslEmail;

	UUID pupilA;

	UUID pupilB;

	@BeforeEach
	void school() {
		this.school = this.testSchools.school("Concern test school");
		this.teacher = idOf(this.testSchools.member(this.school, Role.STAFF));
		this.dslEmail = this.testSchools.member(this.school, Role.STAFF, Role.DSL);
		this.pupilA = this.testSchools.pupil(this.school, "Mia", "Unseen", YearGroup.YEAR_4, "Maple");
		this.pupilB = this.testSchools.pupil(this.school, "Leo", "Unseen", YearGroup.YEAR_4, "Maple");
	}

	@Test
	void aConcernItsChronologyEntriesAlertsAndAuditAreWrittenTogether() {
		ConcernLog.Logged logged = this.log.raise(this.school, this.teacher,
				concern(Set.of(this.pupilA, this.pupilB), true, List.of(new BodyMark("FRONT", new BigDecimal("40.5"),
						new BigDecimal("62.0"), "left forearm", "bruise, about 3 cm, yellowing", this.pupilB))));

		assertThat(logged.reference()).matches("C-\\d{4}-\\d{5}");
		assertThat(count("concern_pupil where concern_id = ?", logged.concernId())).isEqualTo(2);
		assertThat(count("concern_body_mark where concern_id = ? and pupil_id = ?", logged.concernId(), this.pupilB))
			.isOne();
		assertThat(this.jdbc.queryForList(
				"select pupil_id from chronology_entry where concern_id = ? " + "and kind = 'CONCERN_RAISED'",
				UUID.class, logged.concernId()))
			.containsExactlyInAnyOrder(this.pupilA, this.pupilB);
		assertThat(count("alert_notice where concern_id = ? and urgent", logged.concernId())).isOne();
		assertThat(count("audit_event where target_id = ? and action = 'CONCERN_RAISED'", logged.concernId())).isOne();

		this.outbox.send();
		List<MimeMessage> mail = TestMail.to(this.dslEmail);
		assertThat(mail).hasSize(1);
		String text = subject(mail.get(0)) + "\n" + TestMail.body(mail.get(0));
		assertThat(subject(mail.get(0))).startsWith("URGENT").contains(logged.reference());
		assertThat(text).contains("/concerns/" + logged.concernId())
			.doesNotContain("Mia", "Leo", "Unseen", "bruise", "playground", "He said");
		this.outbox.send();
		assertThat(TestMail.to(this.dslEmail)).as("never sent twice").hasSize(1);
	}

	@Test
	void theSafeguardingTeamIsAlertedOnlyForTheirCategories() {
		UUID senco = idOf(this.testSchools.member(this.school, Role.STAFF));
		UUID selfHarm = category("self-harm");
		this.access.change(this.school, senco, Set.of(Role.STAFF, Role.SAFEGUARDING_TEAM), Set.of(selfHarm));

		ConcernLog.Logged neglect = this.log.raise(this.school, this.teacher,
				concern(Set.of(this.pupilA), false, List.of()));
		ConcernLog.Logged harm = this.log.raise(this.school, this.teacher,
				new NewConcern(UUID.randomUUID(), Set.of(this.pupilA), Set.of(selfHarm), Instant.now().minusSeconds(60),
						null, null, "Saw cuts", null, null, null, false, List.of()));

		assertThat(count("alert_notice where concern_id = ? and staff_id = ?", neglect.concernId(), senco)).isZero();
		assertThat(count("alert_notice where concern_id = ? and staff_id = ?", harm.concernId(), senco)).isOne();
	}

	@Test
	void theSameFormSubmittedTwiceLogsOneConcern() {
		NewConcern once = concern(Set.of(this.pupilA), false, List.of());
		ConcernLog.Logged first = this.log.raise(this.school, this.teacher, once);
		ConcernLog.Logged again = this.log.raise(this.school, this.teacher, once);
		assertThat(again.concernId()).isEqualTo(first.concernId());
		assertThat(again.repeated()).isTrue();
		assertThat(count("concern where submission_token = ?", once.submissionToken())).isOne();
		assertThat(count("chronology_entry where concern_id = ?", first.concernId())).isOne();
	}

	@Test
	void aSecondSubmitOfTheSameFormWaitsForTheFirstAndLandsOnItsConcern() throws Exception {
		NewConcern once = concern(Set.of(this.pupilA), false, List.of());
		var context = SecurityContextHolder.getContext();
		CountDownLatch written = new CountDownLatch(1);
		CountDownLatch commit = new CountDownLatch(1);
		ExecutorService pool = Executors.newFixedThreadPool(2);
		try {
			Future<ConcernLog.Logged> first = pool
				.submit(() -> as(context, () -> new TransactionTemplate(this.transactions).execute((status) -> {
					ConcernLog.Logged logged = this.log.raise(this.school, this.teacher, once);
					written.countDown();
					awaitQuietly(commit);
					return logged;
				})));
			assertThat(written.await(20, TimeUnit.SECONDS)).as("the first submit wrote its concern").isTrue();
			Future<ConcernLog.Logged> second = pool
				.submit(() -> as(context, () -> this.log.raise(this.school, this.teacher, once)));
			Thread.sleep(500);
			assertThat(second.isDone()).as("the second submit waits while the first is uncommitted").isFalse();
			commit.countDown();
			ConcernLog.Logged logged = first.get(20, TimeUnit.SECONDS);
			ConcernLog.Logged again = second.get(20, TimeUnit.SECONDS);
			assertThat(logged.repeated()).isFalse();
			assertThat(again.concernId()).isEqualTo(logged.concernId());
			assertThat(again.reference()).isEqualTo(logged.reference());
			assertThat(again.repeated()).isTrue();
			assertThat(count("concern where submission_token = ?", once.submissionToken())).isOne();
			assertThat(count("chronology_entry where concern_id = ?", logged.concernId())).isOne();
		}
		finally {
			commit.countDown();
			pool.shutdownNow();
		}
	}

	@Test
	void aFormSentWithAColleaguesTokenIsRefusedAndLogsNothing() {
		NewConcern theirs = concern(Set.of(this.pupilA), false, List.of());
		this.log.raise(this.school, this.teacher, theirs);
		UUID colleague = idOf(this.testSchools.member(this.school, Role.STAFF));
		NewConcern mine = new NewConcern(theirs.submissionToken(), Set.of(this.pupilB), theirs.categoryIds(),
				theirs.occurredAt(), null, "My own words", "What I saw", null, null, null, false, List.of());
		assertThatExceptionOfType(FormAlreadySentException.class)
			.isThrownBy(() -> this.log.raise(this.school, colleague, mine));
		assertThat(count("concern where submission_token = ?", theirs.submissionToken())).isOne();
		assertThat(count("concern where raised_by = ?", colleague)).isZero();
		assertThat(count("chronology_entry where pupil_id = ?", this.pupilB)).isZero();
	}

	private static <T> T as(org.springframework.security.core.context.SecurityContext context, Callable<T> work)
			throws Exception {
		SecurityContextHolder.setContext(context);
		try {
			return work.call();
		}
		finally {
			SecurityContextHolder.clearContext();
		}
	}

	private static void awaitQuietly(CountDownLatch latch) {
		try {
			latch.await(20, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Test
	void concurrentSubmitsGetDistinctReferencesWithNoGaps() throws Exception {
		var context = SecurityContextHolder.getContext();
		ExecutorService pool = Executors.newFixedThreadPool(8);
		List<Future<String>> references = new ArrayList<>();
		for (int i = 0; i < 16; i++) {
			Callable<String> submit = () -> {
				SecurityContextHolder.setContext(context);
				try {
					return this.log.raise(this.school, this.teacher, concern(Set.of(this.pupilB), false, List.of()))
						.reference();
				}
				finally {
					SecurityContextHolder.clearContext();
				}
			};
			references.add(pool.submit(submit));
		}
		List<Integer> numbers = new ArrayList<>();
		for (Future<String> reference : references) {
			numbers.add(Integer.parseInt(reference.get().substring(reference.get().lastIndexOf('-') + 1)));
		}
		pool.shutdown();
		assertThat(numbers).doesNotHaveDuplicates();
		assertThat(numbers.stream().sorted().toList())
			.isEqualTo(java.util.stream.IntStream.rangeClosed(1, 16).boxed().toList());
	}

	@Test
	void aFailureAfterTheConcernIsWrittenLeavesNothingBehindAndNoGap() throws SQLException {
		String trigger = "fail_for_" + this.pupilB.toString().replace("-", "");
		ownerExecute("create function " + trigger + "() returns trigger language plpgsql as $$ begin "
				+ "if new.pupil_id = '" + this.pupilB + "' then raise exception 'chronology write failed'; end if; "
				+ "return new; end $$");
		ownerExecute("create trigger " + trigger + " before insert on chronology_entry for each row execute function "
				+ trigger + "()");
		try {
			NewConcern doomed = concern(Set.of(this.pupilA, this.pupilB), true, List.of());
			assertThatExceptionOfType(RuntimeException.class)
				.isThrownBy(() -> this.log.raise(this.school, this.teacher, doomed));
			assertThat(count("concern where submission_token = ?", doomed.submissionToken())).isZero();
			assertThat(count("concern where school_id = ?", this.school)).isZero();
			assertThat(count("chronology_entry where pupil_id = ?", this.pupilA)).isZero();
			assertThat(count("alert_notice n join concern c on c.id = n.concern_id where c.school_id = ?", this.school))
				.isZero();
		}
		finally {
			ownerExecute("drop trigger " + trigger + " on chronology_entry");
			ownerExecute("drop function " + trigger + "()");
		}
		assertThat(
				this.log.raise(this.school, this.teacher, concern(Set.of(this.pupilA), false, List.of())).reference())
			.endsWith("-00001");
	}

	@Test
	void aBodyMarkOnAConcernAboutTwoChildrenMustBeOnOneOfThem() {
		UUID elsewhere = this.testSchools.pupil(this.testSchools.school("Other marks school"), "Not", "Ours",
				YearGroup.YEAR_1, null);
		for (UUID child : new UUID[] { null, elsewhere }) {
			assertThatExceptionOfType(InvalidConcernException.class)
				.isThrownBy(() -> this.log.raise(this.school, this.teacher,
						concern(Set.of(this.pupilA, this.pupilB), false,
								List.of(new BodyMark("BACK", null, null, "Upper back", "red mark", child)))))
				.satisfies((ex) -> assertThat(ex.field()).isEqualTo("marks[0].pupilId"));
		}
		assertThat(count("concern where school_id = ?", this.school)).isZero();
		ConcernLog.Logged one = this.log.raise(this.school, this.teacher, concern(Set.of(this.pupilA), false,
				List.of(new BodyMark("BACK", null, null, "Upper back", "red mark"))));
		assertThat(count("concern_body_mark where concern_id = ? and pupil_id = ?", one.concernId(), this.pupilA))
			.as("a concern about one child: the mark is theirs")
			.isOne();
	}

	@Test
	void aPupilWhoHasLeftAnotherSchoolsPupilAFutureTimeOrARetiredCategoryAreRefused() {
		UUID elsewhere = this.testSchools.pupil(this.testSchools.school("Other concern school"), "Not", "Ours",
				YearGroup.YEAR_1, null);
		TestSchools.asOffice(() -> {
			this.directory.markLeft(this.school, this.pupilB, new Leaving(java.time.LocalDate.now(), null, null));
			return null;
		});
		assertThatExceptionOfType(InvalidConcernException.class)
			.isThrownBy(() -> this.log.raise(this.school, this.teacher, concern(Set.of(elsewhere), false, List.of())))
			.satisfies((ex) -> assertThat(ex.field()).isEqualTo("pupilIds"));
		assertThatExceptionOfType(InvalidConcernException.class).isThrownBy(
				() -> this.log.raise(this.school, this.teacher, concern(Set.of(this.pupilB), false, List.of())));
		assertThatExceptionOfType(InvalidConcernException.class)
			.isThrownBy(() -> this.log.raise(this.school, this.teacher,
					new NewConcern(UUID.randomUUID(), Set.of(this.pupilA), Set.of(category("neglect")),
							Instant.now().plus(1, ChronoUnit.HOURS), null, null, "Tomorrow", null, null, null, false,
							List.of())))
			.satisfies((ex) -> assertThat(ex.field()).isEqualTo("occurred"));
		assertThatExceptionOfType(InvalidConcernException.class)
			.isThrownBy(() -> this.log.raise(this.school, this.teacher,
					new NewConcern(UUID.randomUUID(), Set.of(this.pupilA), Set.of(UUID.randomUUID()),
							Instant.now().minusSeconds(5), null, null, "Forged category", null, null, null, false,
							List.of())))
			.satisfies((ex) -> assertThat(ex.field()).isEqualTo("categoryIds"));
		assertThat(count("concern where school_id = ?", this.school)).isZero();
	}

	@Test
	void aConcernAndItsChronologyEntryCannotBeAlteredOrRemoved() {
		ConcernLog.Logged logged = this.log.raise(this.school, this.teacher,
				concern(Set.of(this.pupilA), false, List.of()));
		for (String sql : List.of("update concern set observed = 'altered' where id = ?",
				"delete from concern_pupil where concern_id = ?", "delete from concern_category where concern_id = ?",
				"update chronology_entry set summary = 'altered' where concern_id = ?",
				"delete from chronology_entry where concern_id = ?")) {
			assertThat(Sql.stateOf(this.jdbc, sql, logged.concernId())).as(sql).isEqualTo(Sql.INSUFFICIENT_PRIVILEGE);
		}
		assertThat(Sql.stateOf(this.jdbc, "truncate chronology_entry")).isEqualTo(Sql.INSUFFICIENT_PRIVILEGE);
		assertThat(
				this.jdbc.queryForObject("select observed from concern where id = ?", String.class, logged.concernId()))
			.isEqualTo("He fell in the playground, he said.");
	}

	private NewConcern concern(Set<UUID> pupils, boolean urgent, List<BodyMark> marks) {
		return new NewConcern(UUID.randomUUID(), pupils, Set.of(category("neglect")), Instant.now().minusSeconds(3600),
				"Playground", "He said: \"my dad did it\"", "He fell in the playground, he said.", null, null,
				"Told the DSL", urgent, marks);
	}

	private UUID category(String code) {
		return this.jdbc.queryForObject("select id from category where code = ?", UUID.class, code);
	}

	private int count(String from, Object... args) {
		return this.jdbc.queryForObject("select count(*) from " + from, Integer.class, args);
	}

	private UUID idOf(String email) {
		return this.jdbc.queryForObject("select id from staff_account where email = ?", UUID.class, email);
	}

	private static String subject(MimeMessage message) {
		try {
			return message.getSubject();
		}
		catch (jakarta.mail.MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private void ownerExecute(String sql) throws SQLException {
		try (Connection owner = DriverManager.getConnection(this.environment.getProperty("spring.datasource.url"),
				this.environment.getProperty("spring.flyway.user"),
				this.environment.getProperty("spring.flyway.password"));
				Statement statement = owner.createStatement()) {
			statement.execute(sql);
		}
	}

}
