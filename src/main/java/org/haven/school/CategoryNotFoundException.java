package org.haven.school;

/**
 * No such category: answered as 404.
 */
public class CategoryNotFoundException extends RuntimeException {

	public CategoryNotFoundException() {
		super("No such category");
	}

}
