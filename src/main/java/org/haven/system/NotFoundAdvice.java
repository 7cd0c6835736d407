package org.haven.system;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * The one answer to a record that does not exist or may not be seen ({@link NotFound}),
 * and to a forged or mangled id in a path ({@code /pupils/not-a-uuid}), which is a record
 * that does not exist: 404.
 */
@ControllerAdvice
class NotFoundAdvice {

	@ExceptionHandler({ NotFound.class, MethodArgumentTypeMismatchException.class })
	@ResponseStatus(HttpStatus.NOT_FOUND)
	String notFound() {
		return "error/404";
	}

}
