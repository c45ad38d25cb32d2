// Both runs printed what the echo server sent back.
def log = new File(basedir, 'build.log').text
assert log.contains('echoed: hello from the class path')
assert log.contains('echoed: hello from the module path')
