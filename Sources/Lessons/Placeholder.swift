enum LessonsModule {}
