package dev.weft.instrumentation.api;

/** A field as its class file declares it. */
public interface FieldView extends Named, Modified {

    /** The field descriptor, e.g. {@code Ljava/lang/String;}. */
    String descriptor();
}
