package dev.weft.smoke.app.urlconnection;

import dev.weft.smoke.client.Scenarios;

/** The standard client scenarios with HttpURLConnection. Arguments: see {@link Scenarios#run}. */
public final class Main {

    private Main() {}

    public static void main(String[] args) throws Exception {
        Scenarios.run(args, new UrlConnectionClient());
    }
}
