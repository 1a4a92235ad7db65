// Maven was SIGKILLed during the ITs: no shutdown hook ran, yet the supervisor stopped every tree.
evaluate(new File(processesScript)).endedBuildLeftNothing(basedir)
true
