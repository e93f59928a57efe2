print("todo-chat")
