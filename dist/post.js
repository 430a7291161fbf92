// The action's post step: the bundle of src/post.ts.
import './post/index.js'
