print("todo-worker: not yet")
