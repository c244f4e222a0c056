// The program of the link checks (CMakeLists.txt): it does nothing; what matters is that
// the whole archive of one layer links with only the layers below it.
int main() { return 0; }
