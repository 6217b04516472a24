package dev.weft.smoke.app.jersey2;

public class ConflictException extends RuntimeException {

    public ConflictException(String message) {
        super(message);
    }
}
