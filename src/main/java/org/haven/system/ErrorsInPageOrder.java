package org.haven.system;

import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.validation.BeanPropertyBindingResult;
import org.springframework.validation.BindingResult;
import org.springframework.validation.FieldError;

/**
 * A form's errors in the order its page asks the questions, so that the error summary
 * reads down the page as the person does (GOV.UK error summary pattern). Errors are
 * recorded in the order they are found (annotations first, then the form's own checks),
 * which is not the page's.
 */
public final class ErrorsInPageOrder {

	private static final Pattern INDEX = Pattern.compile("\\[(\\d+)]");

	private ErrorsInPageOrder() {
	}

	/**
	 * @param errors the form's errors as found
	 * @param fields the page's questions in order: field names, with {@code []} for any
	 * index of a list ({@code marks[].region}); a list's items come in their order, each
	 * with its questions in the order named
	 * @return the same errors, those of the whole form first, then each field's in page
	 * order (a field not named comes last)
	 */
	public static BindingResult sort(BindingResult errors, List<String> fields) {
		BindingResult sorted = new BeanPropertyBindingResult(errors.getTarget(), errors.getObjectName());
		errors.getGlobalErrors().forEach(sorted::addError);
		errors.getFieldErrors()
			.stream()
			.sorted(Comparator.comparingInt((FieldError error) -> position(root(error.getField()), fields))
				.thenComparingInt((error) -> index(error.getField()))
				.thenComparingInt((error) -> position(error.getField().replaceAll("\\[\\d+]", "[]"), fields)))
			.forEach(sorted::addError);
		return sorted;
	}

	private static String root(String field) {
		return field.split("[\\[.]", 2)[0];
	}

	private static int position(String field, List<String> fields) {
		for (int i = 0; i < fields.size(); i++) {
			if (fields.get(i).equals(field) || root(fields.get(i)).equals(field)) {
				return i;
			}
		}
		return fields.size();
	}

	private static int index(String field) {
		Matcher index = INDEX.matcher(field);
		return index.find() ? Integer.parseInt(index.group(1)) : -1;
	}

}
