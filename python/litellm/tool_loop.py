"""litellm.tool_loop: the error a tool-calling loop raises when it runs out of rounds."""


class ToolLoopMaxRoundsExceeded(RuntimeError):
    def __init__(self, max_rounds):
        self.max_rounds = max_rounds
        super().__init__(f"The tool loop did not finish within {max_rounds} rounds")
