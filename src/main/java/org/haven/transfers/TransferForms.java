package org.haven.transfers;

import java.time.LocalDate;

import org.haven.system.DateParts;

import org.springframework.web.multipart.MultipartFile;

/**
 * The forms of a transfer's page and of receiving a package. What was typed comes back on
 * an error, but for a passphrase, which is never sent back to the browser.
 */
final class TransferForms {

	private TransferForms() {
	}

	/**
	 * Producing a package.
	 */
	record PackageForm(String passphrase, String passphraseAgain, String childTold, String childToldNote) {

		static PackageForm blank() {
			return new PackageForm(null, null, null, null);
		}

		PackageForm withoutPassphrase() {
			return new PackageForm(null, null, this.childTold, this.childToldNote);
		}

	}

	/**
	 * Recording that the file was sent.
	 */
	record SentForm(String sentOnDay, String sentOnMonth, String sentOnYear, String sentHow) {

		static SentForm blank() {
			return new SentForm(null, null, null, null);
		}

		public LocalDate getSentOn() {
			return DateParts.date(this.sentOnDay, this.sentOnMonth, this.sentOnYear).toLocalDate();
		}

		boolean dateBlank() {
			return DateParts.date(this.sentOnDay, this.sentOnMonth, this.sentOnYear).blank();
		}

	}

	/**
	 * Recording the receiving school's confirmation of receipt.
	 */
	record ReceiptForm(String confirmedOnDay, String confirmedOnMonth, String confirmedOnYear, String confirmedBy,
			String receiptHow) {

		static ReceiptForm blank() {
			return new ReceiptForm(null, null, null, null, null);
		}

		public LocalDate getConfirmedOn() {
			return DateParts.date(this.confirmedOnDay, this.confirmedOnMonth, this.confirmedOnYear).toLocalDate();
		}

		boolean dateBlank() {
			return DateParts.date(this.confirmedOnDay, this.confirmedOnMonth, this.confirmedOnYear).blank();
		}

	}

	/**
	 * Receiving a package from another school.
	 */
	record ReceiveForm(MultipartFile file, String passphrase) {

		static ReceiveForm blank() {
			return new ReceiveForm(null, null);
		}

	}

	/**
	 * Confirming (or not) that the child a package is for is enrolled from it: the key of
	 * the package held, the UPN offered (a confirmation for another child is refused),
	 * the year group and the answer.
	 */
	record EnrolForm(String pending, String upn, String yearGroup, String decision) {

	}

}
