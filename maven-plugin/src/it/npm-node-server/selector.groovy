// Runs only where npm and node are on the PATH (every CI machine of this project has them).
def onPath = { name -> System.getenv('PATH').split(File.pathSeparator).any { new File(it, name).canExecute() } }
onPath('npm') && onPath('node')
