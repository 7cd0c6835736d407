package org.haven.allegations;

/**
 * The form's one-time token was used to raise someone else's concern (a copied or forged
 * form): nothing of it is said.
 */
public class FormAlreadySentException extends RuntimeException {

	FormAlreadySentException() {
		super("This form was already sent. Check what you typed and send it again.");
	}

}
