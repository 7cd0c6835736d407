package org.haven.chronology;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.haven.accounts.DslTeam;
import org.haven.accounts.HavenUser;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The chronology PDF for other modules: a transfer package holds it. It is made, as on
 * the chronology's own export page, only after its disclosure is recorded (an
 * "information shared" entry and an audit event), here in the caller's transaction, so
 * that the disclosure and what the caller records with it stand or fall together.
 */
@Service
public class ChronologyExports {

	private final ChronologyDisclosures disclosures;

	private final ChronologyRecords records;

	private final ChronologyPdf pdf;

	ChronologyExports(ChronologyDisclosures disclosures, ChronologyRecords records, ChronologyPdf pdf) {
		this.disclosures = disclosures;
		this.records = records;
		this.pdf = pdf;
	}

	/**
	 * Records the disclosure of the whole chronology and reads it (with the entry just
	 * recorded), checking its chain.
	 * @return the export, or empty if the person may not see this chronology
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	@PreAuthorize(DslTeam.ONLY)
	public Optional<Export> prepare(HavenUser by, UUID pupilId, Disclosure disclosure) {
		Optional<UUID> recorded = this.disclosures.record(by, pupilId, disclosure);
		if (recorded.isEmpty()) {
			return Optional.empty();
		}
		Disclosure.Recorded record = this.disclosures.recent(by, pupilId, recorded.get()).orElseThrow();
		Optional<ChronologyRecords.Read> read = this.records.read(by, pupilId, disclosure.filter());
		read.ifPresent((found) -> this.disclosures.exported(by, record, found.record().chain(),
				found.record().entries().size()));
		return read.map((found) -> new Export(found, record));
	}

	/**
	 * Writes the PDF as it is laid out (outside any transaction: everything is read).
	 */
	public void write(Export export, HavenUser by, Instant at, OutputStream out) throws IOException {
		this.pdf.write(export.read, export.disclosure, by, at, out);
	}

	/**
	 * A chronology read for export, with the disclosure it was recorded against.
	 */
	public static final class Export {

		private final ChronologyRecords.Read read;

		private final Disclosure.Recorded disclosure;

		Export(ChronologyRecords.Read read, Disclosure.Recorded disclosure) {
			this.read = read;
			this.disclosure = disclosure;
		}

		/**
		 * @return the disclosure recorded for it
		 */
		public UUID disclosureId() {
			return this.disclosure.id();
		}

		/**
		 * @return how many entries it holds
		 */
		public int entries() {
			return this.read.record().entries().size();
		}

		/**
		 * @return whether every entry of the period is in it
		 */
		public boolean complete() {
			return this.read.complete();
		}

		/**
		 * @return the SHA-256 of the chain's newest entry, hex, or {@code null}
		 */
		public String chainHead() {
			ChronologyRecord.Chain chain = this.read.record().chain();
			return (chain != null) ? chain.headHash() : null;
		}

		/**
		 * @return how many entries the chain holds
		 */
		public long chainLength() {
			ChronologyRecord.Chain chain = this.read.record().chain();
			return (chain != null) ? chain.headPosition() : 0;
		}

		/**
		 * @return whether the chain verified as intact before export
		 */
		public boolean chainIntact() {
			ChronologyRecord.Chain chain = this.read.record().chain();
			return chain != null && chain.intact();
		}

		/**
		 * @return the documents the exported entries record, in the chronology's order
		 * (each one's id, as its "document uploaded" entry names it)
		 */
		public List<UUID> documentIds() {
			return this.read.record()
				.documents()
				.stream()
				.flatMap((numbered) -> numbered.entry().details().stream())
				.filter((detail) -> "document".equals(detail.key()))
				.map((detail) -> UUID.fromString(detail.value()))
				.distinct()
				.toList();
		}

	}

}
