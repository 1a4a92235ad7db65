// Another process (this Maven JVM) holds the port the project declares as fixed.
try {
    System.properties['tether.it.holder'] = new ServerSocket(47931)
} catch (IOException alreadyHeld) {
    // held by something else: the build must fail the same way
}
true
