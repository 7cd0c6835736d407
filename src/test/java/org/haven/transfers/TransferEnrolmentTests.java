package org.haven.transfers;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.haven.HavenTest;
import org.haven.TestSchools;
import org.haven.Visitor;
import org.haven.accounts.HavenUser;
import org.haven.accounts.Role;
import org.haven.chronology.Ties;
import org.haven.documents.Documents;
import org.haven.pupils.Leaving;
import org.haven.pupils.PupilDirectory;
import org.haven.pupils.YearGroup;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 17: a package for a child not on the school's roll is offered as a new enrolment:
 * the DSL sees who it is for, confirms, and the child is enrolled from the manifest and
 * the record received onto them in one transaction; declining stores nothing; a
 * confirmation Haven did not offer, or offered for another child, is refused.
 */
@HavenTest
class TransferEnrolmentTests {

	private static final String PASSPHRASE = "correct horse battery staple";

	@LocalServerPort
	int port;

	@Autowired
	TestSchools testSchools;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	Transfers transfers;

	@Autowired
	TransferPackages packages;

	@Autowired
	Documents documents;

	@Autowired
	PupilDirectory directory;

	@Autowired
	PendingEnrolments pending;

	UUID school;

	HavenUser dsl;

	Visitor visitor;

	Visitor deputy;

	Path produced;

	@BeforeEach
	void school() throws IOException {
		this.school = this.testSchools.school("Enrolling school");
		String email = this.testSchools.member(this.school, Role.STAFF, Role.DSL);
		this.dsl = this.testSchools.user(email);
		this.visitor = new Visitor(this.port).signedInAs(email);
		this.deputy = new Visitor(this.port)
			.signedInAs(this.testSchools.member(this.school, Role.STAFF, Role.DEPUTY_DSL));
		// A real package from a real leaver, then made out for a child this Haven does
		// not
		// know (as a package from a school elsewhere is).
		UUID leaver = this.testSchools.pupil(this.school, "Lily", "Leaver", YearGroup.YEAR_4, "Ash");
		Path note = Files.writeString(Files.createTempFile("note", ".txt"), "Notes of a call with Mum");
		TestSchools.as(this.dsl, () -> {
			try {
				return this.documents.addFile(this.dsl, leaver, null,
						new Ties(Set.of(this.testSchools.category("neglect")), null, false), note, "call.txt",
						new Documents.About("Call", LocalDate.of(2026, 1, 12)));
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		});
		Files.delete(note);
		TestSchools.as(this.dsl, () -> {
			this.directory.markLeft(this.school, leaver,
					new Leaving(LocalDate.now(), "Riverside Academy", "123456", "Pat Lead", "dsl@riverside.example"));
			return null;
		});
		Transfer transfer = TestSchools.as(this.dsl, () -> this.transfers.ofPupil(this.dsl, leaver)).get(0);
		TransferPackages.Contents contents = TestSchools.as(this.dsl,
				() -> this.packages.prepare(this.dsl, leaver, transfer.id(), true, null).orElseThrow());
		this.produced = Files.createTempFile("package", ".zip");
		try (OutputStream out = Files.newOutputStream(this.produced)) {
			this.packages.write(contents, PASSPHRASE.toCharArray(), out);
		}
	}

	@Test
	void aChildNotOnRollIsOfferedAsANewEnrolmentAndReceivedOntoThemOnConfirming() throws Exception {
		String upn = TestSchools.uniqueUpn();
		byte[] zip = packageFor(upn, "Nia", "Newcomer", "3");

		Document offer = upload(zip);
		assertThat(offer.select("h1").text()).isEqualTo("Enrol the pupil this package is for?");
		assertThat(offer.select("#offered").text()).contains("Nia Newcomer")
			.contains(upn)
			.contains("1 March 2018")
			.contains("Enrolling school");
		assertThat(offer.select("#yearGroup option[selected]").val()).as("the manifest's year group").isEqualTo("3");
		assertThat(pupilsWithUpn(upn)).as("nothing stored before the DSL answers").isZero();

		// No answer: asked again, beside the question and in the summary.
		HttpResponse<String> unanswered = this.visitor.post("/transfers/receive/enrol",
				Map.of("pending", offer.select("#pending").val(), "upn", upn, "yearGroup", "3"));
		Document again = Jsoup.parse(unanswered.body());
		assertThat(again.select("#decision-error").text()).contains("Select whether to enrol Nia Newcomer");
		assertThat(again.select(".govuk-error-summary a[href=#decision]")).hasSize(1);
		assertThat(pupilsWithUpn(upn)).isZero();

		// Someone else in the same team cannot answer the DSL's offer.
		this.deputy.get("/transfers/receive");
		Document notTheirs = Jsoup.parse(this.deputy
			.post("/transfers/receive/enrol",
					Map.of("pending", offer.select("#pending").val(), "upn", upn, "yearGroup", "3", "decision", "yes"))
			.body());
		assertThat(notTheirs.select("#file-error").text()).contains("not one Haven offered you");
		assertThat(pupilsWithUpn(upn)).isZero();

		HttpResponse<String> confirmed = this.visitor.post("/transfers/receive/enrol",
				Map.of("pending", offer.select("#pending").val(), "upn", upn, "yearGroup", "3", "decision", "yes"));
		assertThat(confirmed.statusCode()).as(confirmed.body()).isEqualTo(302);
		assertThat(Visitor.location(confirmed)).contains("/transfers/received/");
		Map<String, Object> pupil = this.jdbc.queryForMap(
				"select id, legal_forename, legal_surname, date_of_birth, year_group, school_id from pupil where upn = ?",
				upn);
		assertThat(pupil.get("legal_forename")).isEqualTo("Nia");
		assertThat(pupil.get("legal_surname")).isEqualTo("Newcomer");
		assertThat(pupil.get("date_of_birth").toString()).isEqualTo("2018-03-01");
		assertThat(pupil.get("year_group")).isEqualTo("3");
		assertThat(pupil.get("school_id")).isEqualTo(this.school);
		assertThat(this.jdbc.queryForObject(
				"""
						select count(distinct de.document_id) from document_entry de join chronology_entry e on e.id = de.entry_id
						where e.pupil_id = ?""",
				Integer.class, pupil.get("id")))
			.as("the chronology PDF and the document, received onto the new pupil")
			.isEqualTo(2);
		assertThat(this.jdbc.queryForObject(
				"select count(*) from chronology_entry where pupil_id = ? and kind = 'RECORD_RECEIVED'", Integer.class,
				pupil.get("id")))
			.isOne();
		assertThat(this.visitor.get(Visitor.location(confirmed)).body()).contains("Nia Newcomer");

		// The offer is taken once.
		Document twice = Jsoup.parse(this.visitor
			.post("/transfers/receive/enrol",
					Map.of("pending", offer.select("#pending").val(), "upn", upn, "yearGroup", "3", "decision", "yes"))
			.body());
		assertThat(twice.select("#file-error").text()).contains("not one Haven offered you");
		assertThat(this.jdbc.queryForObject("select count(*) from transfer_received where pupil_id = ?", Integer.class,
				pupil.get("id")))
			.isEqualTo(1);
	}

	@Test
	void decliningTheEnrolmentStoresNothing() throws Exception {
		String upn = TestSchools.uniqueUpn();
		Set<Path> before = this.pending.folders();
		Document offer = upload(packageFor(upn, "Dan", "Declined", "5"));
		Set<Path> held = new java.util.HashSet<>(this.pending.folders());
		held.removeAll(before);
		assertThat(held).as("held while the DSL answers").hasSize(1);
		assertThat(held.iterator().next()).exists();
		HttpResponse<String> declined = this.visitor.post("/transfers/receive/enrol",
				Map.of("pending", offer.select("#pending").val(), "upn", upn, "yearGroup", "5", "decision", "no"));
		assertThat(declined.statusCode()).isEqualTo(302);
		assertThat(Visitor.location(declined)).endsWith("/transfers");
		assertThat(pupilsWithUpn(upn)).isZero();
		assertThat(held.iterator().next()).as("its files deleted").doesNotExist();
		assertThat(this.pending.folders()).doesNotContainAnyElementsOf(held);
		assertThat(this.jdbc.queryForObject("select count(*) from transfer_received where school_id = ?", Integer.class,
				this.school))
			.isZero();
	}

	@Test
	void aForgedOrChangedConfirmationIsRefusedAndNothingStored() throws Exception {
		String upn = TestSchools.uniqueUpn();
		Document offer = upload(packageFor(upn, "Fay", "Forged", "2"));

		Document forged = Jsoup.parse(this.visitor
			.post("/transfers/receive/enrol",
					Map.of("pending", UUID.randomUUID().toString(), "upn", upn, "yearGroup", "2", "decision", "yes"))
			.body());
		assertThat(forged.select("#file-error").text()).contains("not one Haven offered you");
		assertThat(forged.select(".govuk-error-summary").text()).contains("not one Haven offered you");
		assertThat(pupilsWithUpn(upn)).isZero();

		String other = TestSchools.uniqueUpn();
		Document changed = Jsoup.parse(
				this.visitor
					.post("/transfers/receive/enrol",
							Map.of("pending", offer.select("#pending").val(), "upn", other, "yearGroup", "2",
									"decision", "yes"))
					.body());
		assertThat(changed.select("#file-error").text()).contains("not one Haven offered you");
		assertThat(pupilsWithUpn(upn)).isZero();
		assertThat(pupilsWithUpn(other)).isZero();
		// Changed, the offer is withdrawn: the genuine answer now needs a new upload.
		Document after = Jsoup.parse(this.visitor
			.post("/transfers/receive/enrol",
					Map.of("pending", offer.select("#pending").val(), "upn", upn, "yearGroup", "2", "decision", "yes"))
			.body());
		assertThat(after.select("#file-error").text()).contains("not one Haven offered you");
		assertThat(pupilsWithUpn(upn)).isZero();
	}

	private Document upload(byte[] zip) {
		this.visitor.get("/transfers/receive");
		HttpResponse<String> response = this.visitor.upload("/transfers/receive",
				List.of(Map.entry("passphrase", PASSPHRASE)), "file", "package.zip", zip);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return Jsoup.parse(response.body());
	}

	private int pupilsWithUpn(String upn) {
		return this.jdbc.queryForObject("select count(*) from pupil where upn = ?", Integer.class, upn);
	}

	/**
	 * The package produced, its manifest made out for another child (its hash need not
	 * change: the manifest lists the other files, not itself).
	 */
	private byte[] packageFor(String upn, String forename, String surname, String yearGroup) throws IOException {
		Map<String, byte[]> files = TransferPackageTests.unzip(this.produced, PASSPHRASE);
		ObjectNode manifest = (ObjectNode) TransferPackages.JSON
			.readTree(new String(files.get("manifest.json"), StandardCharsets.UTF_8));
		ObjectNode child = (ObjectNode) manifest.get("pupil");
		child.put("upn", upn);
		child.put("legalForename", forename);
		child.put("legalSurname", surname);
		child.put("dateOfBirth", "2018-03-01");
		child.put("yearGroup", yearGroup);
		files.put("manifest.json", TransferPackages.JSON.writeValueAsBytes(manifest));
		Path zip = TransferPackageTests.zipOf(files, PASSPHRASE);
		try {
			return Files.readAllBytes(zip);
		}
		finally {
			Files.delete(zip);
		}
	}

}
