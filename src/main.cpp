#include "cli/app.hpp"

int main(int argc, char** argv) { return niggle::cli::run(argc, argv); }
