package dev.weft.smoke.jaxrs;

public class ConflictException extends RuntimeException {

    public ConflictException(String message) {
        super(message);
    }
}
