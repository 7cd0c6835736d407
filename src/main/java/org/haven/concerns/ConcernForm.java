package org.haven.concerns;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.haven.system.DateParts;

/**
 * The concern form as typed. Everything comes back exactly as typed when the form is
 * shown again with an error, chosen pupils and body-map marks included.
 */
record ConcernForm(String submissionToken, List<String> pupilIds, String pupilSearch, List<String> categoryIds,
		String occurredDay, String occurredMonth, String occurredYear, String occurredHour, String occurredMinute,
		@Size(max = 500, message = "Where it happened must be 500 characters or fewer") @Pattern(regexp = "[^\\r\\n]*",
				message = "Where it happened must be on one line") String location,
		@Size(max = 10000, message = "What the child said must be 10,000 characters or fewer") String childWords,
		@NotBlank(message = "Describe what you saw or heard") @Size(max = 10000,
				message = "What you saw or heard must be 10,000 characters or fewer") String observed,
		@Size(max = 2000, message = "Who else was present must be 2,000 characters or fewer") String othersPresent,
		@Size(max = 2000, message = "Who you passed this to must be 2,000 characters or fewer") String passedTo,
		@Size(max = 10000, message = "What you did must be 10,000 characters or fewer") String immediateAction,
		@NotBlank(message = "Select yes if the child is at immediate risk of harm") String immediateRisk,
		List<Mark> marks) {

	/**
	 * A body-map mark as typed.
	 *
	 * @param pupilId the child it is on, asked when the concern names more than one
	 */
	record Mark(String view, String x, String y, String region, String note, String pupilId) {

		static Mark blankOn(String view) {
			return new Mark(view, null, null, null, null, null);
		}

		boolean blank() {
			return (this.region == null || this.region.isBlank()) && (this.note == null || this.note.isBlank())
					&& (this.x == null || this.x.isBlank());
		}

		/**
		 * @return the position on the outline, 0 to 100, or {@code null} when there is
		 * none or it is not a number in range
		 */
		BigDecimal position(String value) {
			try {
				BigDecimal number = new BigDecimal(value.strip());
				return (number.signum() >= 0 && number.compareTo(BigDecimal.valueOf(100)) <= 0)
						? number.setScale(1, RoundingMode.HALF_UP) : null;
			}
			catch (NumberFormatException | NullPointerException ex) {
				return null;
			}
		}

	}

	ConcernForm {
		pupilIds = (pupilIds != null) ? List.copyOf(pupilIds) : List.of();
		categoryIds = (categoryIds != null) ? List.copyOf(categoryIds) : List.of();
		marks = (marks != null) ? new ArrayList<>(marks) : new ArrayList<>();
	}

	/**
	 * @param now the time now in England: most concerns are logged straight after what
	 * happened, so the form starts at now and the person corrects it for something
	 * earlier
	 * @return a fresh form
	 */
	static ConcernForm empty(String token, LocalDateTime now) {
		return new ConcernForm(token, List.of(), null, List.of(), String.valueOf(now.getDayOfMonth()),
				String.valueOf(now.getMonthValue()), String.valueOf(now.getYear()),
				String.format("%02d", now.getHour()), String.format("%02d", now.getMinute()), null, null, null, null,
				null, null, null, new ArrayList<>(List.of(Mark.blankOn("FRONT"))));
	}

	/**
	 * @return when it happened, as typed
	 */
	DateParts occurredParts() {
		return new DateParts(this.occurredDay, this.occurredMonth, this.occurredYear, this.occurredHour,
				this.occurredMinute);
	}

	/**
	 * @return when it happened, or {@code null} if the parts do not make a real date and
	 * time
	 */
	public LocalDateTime getOccurred() {
		return occurredParts().toLocalDateTime();
	}

	/**
	 * @return the same form with other marks
	 */
	ConcernForm withMarks(List<Mark> marks) {
		return new ConcernForm(this.submissionToken, this.pupilIds, this.pupilSearch, this.categoryIds,
				this.occurredDay, this.occurredMonth, this.occurredYear, this.occurredHour, this.occurredMinute,
				this.location, this.childWords, this.observed, this.othersPresent, this.passedTo, this.immediateAction,
				this.immediateRisk, marks);
	}

	/**
	 * @return the same form with other children chosen
	 */
	ConcernForm withPupils(List<String> pupilIds) {
		return new ConcernForm(this.submissionToken, pupilIds, this.pupilSearch, this.categoryIds, this.occurredDay,
				this.occurredMonth, this.occurredYear, this.occurredHour, this.occurredMinute, this.location,
				this.childWords, this.observed, this.othersPresent, this.passedTo, this.immediateAction,
				this.immediateRisk, this.marks);
	}

	/**
	 * @return the same form with another token
	 */
	ConcernForm withToken(String token) {
		return new ConcernForm(token, this.pupilIds, this.pupilSearch, this.categoryIds, this.occurredDay,
				this.occurredMonth, this.occurredYear, this.occurredHour, this.occurredMinute, this.location,
				this.childWords, this.observed, this.othersPresent, this.passedTo, this.immediateAction,
				this.immediateRisk, this.marks);
	}

}
