// The action's post step: the bundle of src/post.ts.
require('./post/index.js')
