//===- walsh-opt.cpp - mlir-opt with the walsh dialect and passes ----------===//
#include "walsh/Pipelines/OptMain.h"

int main(int argc, char **argv) { return walsh::optMain(argc, argv); }
