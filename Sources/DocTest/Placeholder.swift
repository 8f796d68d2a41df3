enum DocTestModule {}
