package dev.weft.smoke.app.standalone;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The one servlet of the webapp that StandaloneTomcatSmokeTest packs into a WAR and deploys to a
 * standalone Tomcat: GET /hello answers "hello from the war\n".
 */
@WebServlet("/hello")
public final class HelloServlet extends HttpServlet {

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        resp.setContentType("text/plain");
        resp.getWriter().write("hello from the war\n");
    }
}
