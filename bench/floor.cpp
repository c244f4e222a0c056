// The floor of process start-up: a program that does nothing, built like niggle and loading
// the same shared libraries (bench/CMakeLists.txt), so that its time is what any command of
// niggle's pays before it does any work: exec, the dynamic loader, C++ runtime start-up.
int main() { return 0; }
