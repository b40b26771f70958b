@echo off
rem xphone-diag launcher for Windows. Runs the CLI from ..\lib with the JVM flags that start it fastest.
rem   JAVA_HOME  the Java 17+ to use (default: java on the PATH)
rem   JAVA_OPTS  extra JVM options
rem The class-data-sharing archive lib\xphone-diag.jsa is recorded on the build's (Linux) JVM and fits
rem no Windows JVM, so it is not used here. The exit code is the CLI's.
setlocal
set "APP_HOME=%~dp0.."
if defined JAVA_HOME (
  set "JAVACMD=%JAVA_HOME%\bin\java.exe"
) else (
  set "JAVACMD=java.exe"
)
if defined JAVA_HOME if not exist "%JAVACMD%" (
  echo xphone-diag: JAVA_HOME is "%JAVA_HOME%" but "%JAVACMD%" does not exist; set JAVA_HOME to a Java 17+ installation 1>&2
  exit /b 2
)
"%JAVACMD%" -XX:TieredStopAtLevel=1 %JAVA_OPTS% -jar "%APP_HOME%\lib\xphone-diag-launcher.jar" %*
exit /b %ERRORLEVEL%
