package dev.weft.smoke.app.httpclient;

import dev.weft.smoke.client.Scenarios;

/** The standard client scenarios with java.net.http.HttpClient.send. Arguments: see {@link Scenarios#run}. */
public final class Main {

    private Main() {}

    public static void main(String[] args) throws Exception {
        Scenarios.run(args, new JdkClient());
    }
}
