package dev.weft.agent;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AgentStarterTest {

    @Test
    void jdkToolsAreRecognisedByTheirMainClass() {
        assertTrue(AgentStarter.isJdkTool("sun.tools.jcmd.JCmd -l"));
        assertTrue(AgentStarter.isJdkTool("sun.tools.jps.Jps"));
        assertTrue(AgentStarter.isJdkTool("com.sun.tools.javac.Main Foo.java"));
        assertTrue(AgentStarter.isJdkTool("sun.security.tools.keytool.Main -list"));
        assertTrue(AgentStarter.isJdkTool("jdk.compiler/com.sun.tools.javac.Main -version"));
        assertTrue(AgentStarter.isJdkTool("java.base/sun.security.tools.keytool.Main -help"));
        assertTrue(AgentStarter.isJdkTool("jdk.jcmd/sun.tools.jcmd.JCmd -l"));
        assertTrue(AgentStarter.isJdkTool("jdk.jshell/jdk.internal.jshell.tool.JShellToolProvider"));
        assertTrue(AgentStarter.isJdkTool("jdk.jlink/jdk.tools.jlink.internal.Main"));
        assertTrue(AgentStarter.isJdkTool("jdk.httpserver/sun.net.httpserver.simpleserver.Main"));
    }

    @Test
    void applicationsAreNotTools() {
        assertFalse(AgentStarter.isJdkTool("com.example.Main"));
        assertFalse(AgentStarter.isJdkTool("/app/app.jar --port 8080"));
        assertFalse(AgentStarter.isJdkTool("com.example.shop/com.example.shop.Main"));
        assertFalse(AgentStarter.isJdkTool("org.apache.catalina.startup.Bootstrap start"));
        assertFalse(AgentStarter.isJdkTool("com.sun.enterprise.glassfish.bootstrap.GlassFishMain --domain domain1"));
        assertFalse(AgentStarter.isJdkTool(""));
    }
}
