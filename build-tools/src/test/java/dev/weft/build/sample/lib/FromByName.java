package dev.weft.build.sample.lib;

public class FromByName {
}
